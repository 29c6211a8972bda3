// What KMS keeps per key and per alias (JSON in LevelDB). Key material is never here in the
// clear: each material is sealed under the root key, bound to its key ARN and material id.
import type { ConnectionStateType, CustomKeyStoreType, ExpirationModelType, GrantConstraints, GrantOperation, OriginType, RotationType, XksProxyConnectivityType } from '../../protocol/generated/kms';
import type { KeySpec, KeyUsage } from './crypto/specs';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'PendingReplicaDeletion' | 'Unavailable' | 'Creating' | 'Updating';

export interface MaterialRecord {
  /** KeyMaterialId: 64 lowercase hex. */
  id: string;
  /** base64 of the sealed material bytes. */
  sealed: string;
  createdAt: number;
  /** Set on material a rotation added (its RotationDate is createdAt). */
  rotationType?: RotationType;
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
  /**
   * Multi-Region keys (multi-region.ts), the same on every related key: the primary's region
   * (absent: this key's own, as for keys made before replication existed) and the replicas'.
   */
  primaryRegion?: string;
  replicaRegions?: string[];
  policy: string;
  tags: TagRecord[];
  /** Every material the key has had; ciphertexts name the one they were made with. */
  materials: MaterialRecord[];
  currentMaterialId?: string;
  /** Set for EXTERNAL keys once material is imported. */
  expirationModel?: ExpirationModelType;
  validTo?: number;
  /** EXTERNAL symmetric keys: material imported as NEW_KEY_MATERIAL, current at the next RotateKeyOnDemand. */
  pendingMaterial?: MaterialRecord;
  /** Set while automatic rotation is enabled (rotation.ts). */
  rotation?: AutomaticRotation;
  /** On-demand rotations so far (AWS limits them per key). */
  onDemandRotations?: number;
  /** Keys in a custom key store (custom-key-stores.ts). */
  customKeyStoreId?: string;
  cloudHsmClusterId?: string;
  xksKeyId?: string;
  /** While its key store is disconnected (state Unavailable): the state to go back to. */
  stateWhenConnected?: KeyState;
}

interface AutomaticRotation {
  periodInDays: number;
  /** When the period runs from: enabling, or the last automatic rotation (epoch ms). */
  since: number;
}

export interface AliasRecord {
  aliasName: string;
  targetKeyId: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * A grant on a key (table `grants`, keyed "<keyId> <grantId>"), kept whole so strict mode can
 * evaluate it as a source of permission: grantee, operations, constraints, key.
 */
export interface GrantRecord {
  /** 64 lowercase hex. */
  grantId: string;
  keyId: string;
  keyArn: string;
  /** '' when CreateGrant had no Name (ListGrants shows it so). */
  name: string;
  createdAt: number;
  granteePrincipal?: string;
  granteeServicePrincipal?: string;
  retiringPrincipal?: string;
  retiringServicePrincipal?: string;
  /** The account that created the grant, as `arn:<partition>:iam::<account>:root`. */
  issuingAccount: string;
  operations: GrantOperation[];
  constraints?: GrantConstraints;
}

/**
 * A custom key store (table `custom-key-stores`, keyed by its id). The CloudHSM password and
 * the proxy's secret access key are not kept: nothing here ever logs in with them.
 */
export interface KeyStoreRecord {
  /** cks- + 17 hex. */
  id: string;
  name: string;
  type: CustomKeyStoreType;
  createdAt: number;
  connectionState: ConnectionStateType;
  cloudHsmClusterId?: string;
  trustAnchorCertificate?: string;
  xks?: {
    uriEndpoint: string;
    uriPath: string;
    connectivity: XksProxyConnectivityType;
    accessKeyId: string;
    vpcEndpointServiceName?: string;
    vpcEndpointServiceOwner?: string;
  };
}
