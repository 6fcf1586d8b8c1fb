import type { Alert } from '@stockpulse/contracts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const KIND_TITLE: Record<Alert['kind'], string> = {
  approaching: 'Approaching reorder point',
  below_reorder_point: 'Below reorder point',
  critical: 'Critical stock',
  stockout: 'Stockout',
  overstock: 'Overstock',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function alertLink(publicUrl: string, alertId: string): string {
  return `${publicUrl}/alerts/${alertId}`;
}

function figures(alert: Alert): [string, string][] {
  const s = alert.snapshot;
  const rows: [string, string][] = [
    ['Available', String(s.available)],
    ['On hand', String(s.onHand)],
    ['Inventory position', String(s.inventoryPosition)],
    ['Reorder point', String(s.reorderPoint)],
    ['Safety stock', String(s.safetyStock)],
    ['Days of cover', s.daysOfCover === null ? 'n/a' : s.daysOfCover.toFixed(1)],
  ];
  if (s.projectedStockoutDate) rows.push(['Projected stockout', s.projectedStockoutDate.slice(0, 10)]);
  if (s.suggestedOrderQuantity > 0) {
    const supplier = s.supplier ? ` from ${s.supplier.name} (${s.supplier.code})` : '';
    rows.push(['Suggested order', `${s.suggestedOrderQuantity}${supplier}`]);
  }
  return rows;
}

/** One line: what happened to the alert, and the escalation when there was one. */
export function headline(alert: Alert, escalationStep: number, event: 'alert' | 'resolved'): string {
  const what = event === 'resolved' ? 'Resolved' : KIND_TITLE[alert.kind];
  const escalated = escalationStep > 0 ? ` (escalation ${escalationStep}, not acknowledged)` : '';
  return `${what}: ${alert.sku} at ${alert.location}${escalated}`;
}

export function renderAlertEmail(alert: Alert, escalationStep: number, event: 'alert' | 'resolved', publicUrl: string): RenderedEmail {
  const link = alertLink(publicUrl, alert.id);
  const subject = `[${alert.severity}] ${headline(alert, escalationStep, event)}`;
  const rows = figures(alert);
  const text = [
    headline(alert, escalationStep, event),
    `${alert.skuName} (${alert.sku}) at ${alert.locationName} (${alert.location})`,
    alert.reason,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    `Open the alert: ${link}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2>${escapeHtml(headline(alert, escalationStep, event))}</h2>
<p><strong>${escapeHtml(alert.skuName)}</strong> (${escapeHtml(alert.sku)}) at ${escapeHtml(alert.locationName)} (${escapeHtml(alert.location)})</p>
<p>${escapeHtml(alert.reason)}</p>
<table>${rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p><a href="${escapeHtml(link)}">Open the alert</a></p>
</body></html>`;
  return { subject, text, html };
}

/** One SMS segment where possible: kind, SKU, location, available, the link. */
export function renderAlertSms(alert: Alert, escalationStep: number, publicUrl: string): string {
  const escalated = escalationStep > 0 ? ` ESC${escalationStep}` : '';
  return `Stockpulse ${alert.severity.toUpperCase()}${escalated}: ${KIND_TITLE[alert.kind]} ${alert.sku} @ ${alert.location}, available ${alert.snapshot.available}. ${alertLink(publicUrl, alert.id)}`;
}

export function renderDigestEmail(alerts: Alert[], publicUrl: string): RenderedEmail {
  const subject = `Stockpulse digest: ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`;
  const line = (a: Alert) => `${KIND_TITLE[a.kind]}: ${a.sku} at ${a.location}, available ${a.snapshot.available}, position ${a.snapshot.inventoryPosition} (${alertLink(publicUrl, a.id)})`;
  const text = [subject, '', ...alerts.map(line)].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif"><h2>${escapeHtml(subject)}</h2><ul>${alerts
    .map((a) => `<li>${escapeHtml(KIND_TITLE[a.kind])}: <a href="${escapeHtml(alertLink(publicUrl, a.id))}">${escapeHtml(a.sku)} at ${escapeHtml(a.location)}</a>, available ${a.snapshot.available}, position ${a.snapshot.inventoryPosition}</li>`)
    .join('')}</ul></body></html>`;
  return { subject, text, html };
}

const SMS_SEGMENT = 160;

/** One SMS segment where the link leaves room: the count, as many SKU@location as fit (oldest first), the link. */
export function renderDigestSms(alerts: Alert[], publicUrl: string): string {
  const head = `Stockpulse digest, ${alerts.length} alert${alerts.length === 1 ? '' : 's'}: `;
  const tail = ` ${publicUrl}/alerts`;
  const items = alerts.map((a) => `${a.sku}@${a.location}`);
  const text = (shown: number) => {
    const more = alerts.length - shown;
    return `${head}${items.slice(0, shown).join(', ')}${more ? `, +${more} more` : ''}.${tail}`;
  };
  let shown = 1;
  while (shown < items.length && text(shown + 1).length <= SMS_SEGMENT) shown++;
  return text(shown);
}

/** A message a person sent to check that a recipient's channel works: it says who asked, and what it proves. */
export function renderTestEmail(recipientName: string, requestedBy: string, publicUrl: string): RenderedEmail {
  const subject = 'Stockpulse test message';
  const lines = [
    `This is a test message to ${recipientName}, sent by ${requestedBy} from ${publicUrl}/notifications.`,
    'It reached you, so alerts routed to this address will too. Nothing needs to be done.',
  ];
  const html = `<!doctype html><html><body style="font-family:sans-serif"><h2>${escapeHtml(subject)}</h2>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>`;
  return { subject, text: lines.join('\n\n'), html };
}

export function renderTestSms(requestedBy: string, publicUrl: string): string {
  return `Stockpulse test message from ${requestedBy}: alerts routed to this number will reach you. ${publicUrl}/notifications`.slice(0, SMS_SEGMENT * 2);
}
