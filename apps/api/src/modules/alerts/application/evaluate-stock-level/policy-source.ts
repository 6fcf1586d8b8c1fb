import type { PolicyFigures } from '../../domain/alert-rules';

export interface PairKey {
  skuId: string;
  locationId: string;
}

export const pairKey = (k: PairKey) => `${k.skuId}:${k.locationId}`;

/**
 * Where the evaluation finds the policy in force for each SKU x location: ThresholdsFacade.effectivePolicies
 * (the module binds it). A pair absent from the map has no policy.
 */
export abstract class PolicySource {
  abstract effectivePolicies(keys: PairKey[]): Promise<Map<string, PolicyFigures>>;
}
