/**
 * The @noble libraries, each loaded on its first use. They are ES modules, which Node loads from
 * CommonJS through its ES module loader: imported at the top, they made a third of the modules'
 * share of a cold start (some 40 ms), for key specs and forms few calls use (ML-DSA, ML-KEM,
 * SM2, ECDSA over a digest, Ed25519ph). A caller pays its module's load once, on its first call.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- this module's purpose: see above */
import type { KeySpec } from './specs';

/** `load()` on the first call, its value after that. */
export function lazily<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

const mlDsaBySpec = lazily(() => {
  const { ml_dsa44, ml_dsa65, ml_dsa87 } = require('@noble/post-quantum/ml-dsa.js') as typeof import('@noble/post-quantum/ml-dsa.js');
  return { ML_DSA_44: ml_dsa44, ML_DSA_65: ml_dsa65, ML_DSA_87: ml_dsa87 } as const;
});

const mlKemBySpec = lazily(() => {
  const { ml_kem512, ml_kem768, ml_kem1024 } = require('@noble/post-quantum/ml-kem.js') as typeof import('@noble/post-quantum/ml-kem.js');
  return { ML_KEM_512: ml_kem512, ML_KEM_768: ml_kem768, ML_KEM_1024: ml_kem1024 } as const;
});

const curvesByName = lazily(() => {
  const { p256, p384, p521 } = require('@noble/curves/nist.js') as typeof import('@noble/curves/nist.js');
  const { secp256k1 } = require('@noble/curves/secp256k1.js') as typeof import('@noble/curves/secp256k1.js');
  return { prime256v1: p256, secp384r1: p384, secp521r1: p521, secp256k1 } as const;
});

/** The ML-DSA (FIPS 204) implementation of an ML_DSA_* spec. */
export const mlDsa = (spec: KeySpec) => mlDsaBySpec()[spec as keyof ReturnType<typeof mlDsaBySpec>];

/** The ML-KEM (FIPS 203) implementation of an ML_KEM_* spec. */
export const mlKem = (spec: KeySpec) => mlKemBySpec()[spec as keyof ReturnType<typeof mlKemBySpec>];

/** The ECDSA implementation of a Weierstrass curve, by its OpenSSL name (prime256v1, secp384r1, secp521r1, secp256k1). */
export const ecdsaCurve = (namedCurve: string) => curvesByName()[namedCurve as keyof ReturnType<typeof curvesByName>];

/** @noble/curves' generic Weierstrass curve (sm2.ts builds the SM2 curve with it). */
export const weierstrass = lazily(() => (require('@noble/curves/abstract/weierstrass.js') as typeof import('@noble/curves/abstract/weierstrass.js')).weierstrass);

/** What Ed25519ph over a digest is built from (sign.ts). */
export const edwardsParts = lazily(() => ({
  ed25519: (require('@noble/curves/ed25519.js') as typeof import('@noble/curves/ed25519.js')).ed25519,
  eddsa: (require('@noble/curves/abstract/edwards.js') as typeof import('@noble/curves/abstract/edwards.js')).eddsa,
  sha512: (require('@noble/hashes/sha2.js') as typeof import('@noble/hashes/sha2.js')).sha512,
}));
