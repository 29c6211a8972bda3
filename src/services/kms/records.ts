// What KMS keeps per key and per alias (JSON in LevelDB). Key material is never here in the
// clear: each material is sealed under the root key, bound to its key ARN and material id.
import type { ExpirationModelType, OriginType } from '../../protocol/generated/kms';
import type { KeySpec, KeyUsage } from './crypto/specs';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'PendingReplicaDeletion' | 'Unavailable' | 'Creating' | 'Updating';

export interface MaterialRecord {
  /** KeyMaterialId: 64 lowercase hex. */
  id: string;
  /** base64 of the sealed material bytes. */
  sealed: string;
  createdAt: number;
}

export interface TagRecord {
  TagKey: string;
  TagValue: string;
}

export interface KeyRecord {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  createdAt: number;
  description: string;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  origin: OriginType;
  keyManager: 'CUSTOMER' | 'AWS';
  state: KeyState;
  /** Set while PendingDeletion: when the key is purged (epoch ms). */
  deletionDate?: number;
  pendingWindowInDays?: number;
  multiRegion: boolean;
  policy: string;
  tags: TagRecord[];
  /** Every material the key has had; ciphertexts name the one they were made with. */
  materials: MaterialRecord[];
  currentMaterialId?: string;
  /** Set for EXTERNAL keys once material is imported. */
  expirationModel?: ExpirationModelType;
  validTo?: number;
}

export interface AliasRecord {
  aliasName: string;
  targetKeyId: string;
  createdAt: number;
  updatedAt: number;
}
