/**
 * Every migration, in order. A new migration is a file `<timestamp>-<Context><Change>.ts` in this folder and a
 * line here; the list is explicit so the same build runs on Postgres, on PGlite and under the test runner.
 */
import { PlatformInit1763800000000 } from './1763800000000-PlatformInit';
import { IdentityInit1763800100000 } from './1763800100000-IdentityInit';
import { IdentityUsers1763800200000 } from './1763800200000-IdentityUsers';
import { InventoryInit1763800500000 } from './1763800500000-InventoryInit';
import { IngestionDeadLetters1763800600000 } from './1763800600000-IngestionDeadLetters';
import { CatalogInit1763800300000 } from './1763800300000-CatalogInit';
import { IngestionImports1763800400000 } from './1763800400000-IngestionImports';
import { PlatformSettings1763800700000 } from './1763800700000-PlatformSettings';
import { ThresholdsInit1763800800000 } from './1763800800000-ThresholdsInit';
import { InventoryMovementsCoveringIndex1763800850000 } from './1763800850000-InventoryMovementsCoveringIndex';
import { AlertsInit1763800900000 } from './1763800900000-AlertsInit';
import { NotificationsInit1763801000000 } from './1763801000000-NotificationsInit';
import { NotificationsInbox1763801100000 } from './1763801100000-NotificationsInbox';
import { NotificationsSmsLookup1763801200000 } from './1763801200000-NotificationsSmsLookup';
import { NotificationsTestMessages1763801300000 } from './1763801300000-NotificationsTestMessages';

export const MIGRATIONS = [
  PlatformInit1763800000000,
  IdentityInit1763800100000,
  IdentityUsers1763800200000,
  CatalogInit1763800300000,
  IngestionImports1763800400000,
  InventoryInit1763800500000,
  IngestionDeadLetters1763800600000,
  PlatformSettings1763800700000,
  ThresholdsInit1763800800000,
  InventoryMovementsCoveringIndex1763800850000,
  AlertsInit1763800900000,
  NotificationsInit1763801000000,
  NotificationsInbox1763801100000,
  NotificationsSmsLookup1763801200000,
  NotificationsTestMessages1763801300000,
];
