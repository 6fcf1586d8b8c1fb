import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { IMPORT_KINDS, ImportKind } from '../../api/types';
import { IMPORT_COLUMNS } from '@stockpulse/contracts';
import { formatInt } from '../../components/format';
import { Badge, Card, EmptyState, ErrorBanner, PageHeader, ProgressBar, Spinner, StatCard } from '../../components/ui';
import { useUrlState } from '../../components/url-state';
import { catalogKeys } from '../catalog/catalog.queries';
import { inventoryKeys } from '../inventory/inventory.queries';
import { isFinished, useImportJob, useUploadImport } from './imports.queries';

/** The columns come from the API's contract (snake_case); the examples are valid files of each kind. */
const KINDS: Record<ImportKind, { label: string; example: string }> = {
  skus: { label: 'SKUs', example: 'code,name,category,base_unit,unit_cost,unit_price,active,units\nSKU-001,Blue mug,Kitchen,each,2.40,6.90,true,case=12' },
  locations: { label: 'Locations', example: 'code,name,type,time_zone\nWH-1,Main warehouse,warehouse,Europe/Paris' },
  suppliers: { label: 'Suppliers', example: 'code,name,contact_email\nACME,Acme Supplies,orders@acme.example' },
  'supplier-terms': {
    label: 'Supplier terms',
    example: 'supplier,sku,lead_time_days,lead_time_std_days,moq,pack_size,unit_cost\nACME,SKU-001,7,1.5,24,12,2.10',
  },
  movements: {
    label: 'Movements',
    example: 'source,external_id,sku,location,type,quantity,occurred_at\nerp,R-1001,SKU-001,WH-1,receipt,120,2026-01-31T09:00:00Z',
  },
};

function columnsOf(kind: ImportKind): string {
  const { required, optional } = IMPORT_COLUMNS[kind];
  return `${required.join(', ')} (required); ${optional.join(', ')} (optional)`;
}

function ImportProgress({ id, onReset }: { id: string; onReset: () => void }) {
  const job = useImportJob(id);
  const qc = useQueryClient();
  const done = isFinished(job.data);
  const announced = useRef(false);
  useEffect(() => {
    if (done && !announced.current) {
      announced.current = true;
      // what the import changed is now stale everywhere
      void qc.invalidateQueries({ queryKey: catalogKeys.skus });
      void qc.invalidateQueries({ queryKey: catalogKeys.categories });
      void qc.invalidateQueries({ queryKey: catalogKeys.locations });
      void qc.invalidateQueries({ queryKey: catalogKeys.suppliers });
      void qc.invalidateQueries({ queryKey: inventoryKeys.stockLevels });
    }
  }, [done, qc]);

  if (job.isError) return <ErrorBanner error={job.error} title="Could not read the import's progress" onRetry={() => job.refetch()} />;
  const j = job.data;
  if (!j) {
    return (
      <Card title="Import">
        <div className="row-gap">
          <Spinner /> Waiting for the import to start…
        </div>
      </Card>
    );
  }
  const failed = j.status === 'failed';
  const tone = failed ? 'danger' : done ? (j.errorRows > 0 ? 'accent' : 'success') : 'accent';
  const statusBadge = failed ? (
    <Badge tone="danger">Failed</Badge>
  ) : done ? (
    j.errorRows > 0 ? <Badge tone="warning">Completed with errors</Badge> : <Badge tone="success">Completed</Badge>
  ) : (
    <Badge tone="info">{j.status === 'queued' ? 'Queued' : 'Running'}</Badge>
  );
  return (
    <Card
      title={
        <span className="row-gap">
          {KINDS[j.kind as ImportKind]?.label ?? j.kind} import {statusBadge}
        </span>
      }
      actions={done && <button type="button" className="btn btn--secondary btn--sm" onClick={onReset}>New import</button>}
    >
      {failed && j.failure && <ErrorBanner title="The whole file was refused" error={new Error(j.failure)} />}
      <div className="import-progress">
        <div className="import-progress__line">
          <span>
            {formatInt(j.processedRows)} of {j.totalRows != null ? formatInt(j.totalRows) : '…'} rows processed
          </span>
          <span className="num strong">{Math.round(j.percent)}%</span>
        </div>
        <ProgressBar percent={j.percent} label="Import progress" tone={tone} />
      </div>
      {done && (
        <>
          <div className="stats stats--compact">
            <StatCard label="Rows" value={formatInt(j.totalRows ?? j.processedRows)} />
            <StatCard label="Applied" value={formatInt(j.appliedRows)} />
            <StatCard label="Rows with errors" value={formatInt(j.errorRows)} tone={j.errorRows > 0 ? 'danger' : 'default'} />
          </div>
          {j.errors.length > 0 ? (
            <div className="table-scroll table-scroll--bordered">
              <table className="table" aria-label="Import errors">
                <thead>
                  <tr>
                    <th style={{ width: 90, textAlign: 'right' }}>Line</th>
                    <th style={{ width: '22%' }}>Field</th>
                    <th>Message</th>
                  </tr>
                </thead>
                <tbody>
                  {j.errors.map((e, i) => (
                    <tr key={`${e.line}-${e.field}-${i}`}>
                      <td className="num" style={{ textAlign: 'right' }}>{formatInt(e.line)}</td>
                      <td>{e.field ? <code>{e.field}</code> : <span className="muted">—</span>}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            !failed && <div className="banner banner--success" role="status"><div className="banner__content">Every row was applied.</div></div>
          )}
        </>
      )}
    </Card>
  );
}

export function ImportsPage() {
  const { get, set } = useUrlState();
  const upload = useUploadImport();
  const [kind, setKind] = useState<ImportKind>((IMPORT_KINDS as readonly string[]).includes(get('kind')) ? (get('kind') as ImportKind) : 'skus');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const jobId = get('import');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFileError(null);
    if (!file) return setFileError('Choose a CSV file to upload.');
    if (file.size === 0) return setFileError('The file is empty.');
    const csv = await file.text();
    upload.mutate(
      { kind, csv },
      {
        onSuccess: (res) => {
          set({ import: res.id, kind });
          setFile(null);
          if (fileInput.current) fileInput.current.value = '';
        },
      },
    );
  };

  return (
    <div className="page">
      <PageHeader title="Imports" subtitle="Load SKUs, locations, suppliers, supplier terms or stock movements from a CSV file. Valid rows are applied; each refused row is listed with its line and reason." />
      <div className="grid-2">
        <Card title="Upload a CSV file">
          <form className="form" onSubmit={submit} noValidate>
            <ErrorBanner error={upload.error} title="The file was not accepted" />
            <fieldset className="fieldset fieldset--plain">
              <legend className="field__label">What does the file contain?</legend>
              <div className="kind-picker" role="radiogroup" aria-label="Import kind">
                {IMPORT_KINDS.map((k) => (
                  <label key={k} className={`kind-option ${kind === k ? 'is-active' : ''}`}>
                    <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                    {KINDS[k].label}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className={`field ${fileError ? 'field--invalid' : ''}`}>
              <label htmlFor="import-file" className="field__label">CSV file</label>
              <div className={`dropzone ${file ? 'has-file' : ''}`}>
                <input
                  id="import-file"
                  ref={fileInput}
                  type="file"
                  accept=".csv,text/csv"
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null);
                    setFileError(null);
                  }}
                />
                <div className="dropzone__text">
                  {file ? (
                    <>
                      <strong>{file.name}</strong>
                      <span className="muted">{formatInt(Math.ceil(file.size / 1024))} KB</span>
                    </>
                  ) : (
                    <>
                      <strong>Choose a file</strong>
                      <span className="muted">or drop it here · UTF-8 CSV with a header row</span>
                    </>
                  )}
                </div>
              </div>
              {fileError && <div className="field__error" role="alert">{fileError}</div>}
            </div>
            <button type="submit" className="btn btn--primary" disabled={upload.isPending}>
              {upload.isPending ? 'Uploading…' : 'Upload and import'}
            </button>
          </form>
        </Card>
        <Card title={`${KINDS[kind].label}: expected columns`}>
          <p className="muted">{columnsOf(kind)}</p>
          <pre className="code-block" aria-label="Example file">{KINDS[kind].example}</pre>
        </Card>
      </div>
      {jobId ? (
        <ImportProgress key={jobId} id={jobId} onReset={() => set({ import: null })} />
      ) : (
        <Card>
          <EmptyState title="No import running">Upload a file to see its progress and any refused rows here.</EmptyState>
        </Card>
      )}
    </div>
  );
}
