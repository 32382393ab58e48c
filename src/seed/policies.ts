/** PostgreSQL's catalogue and portfolio: products, policies (a pure function of their id), coverages, beneficiaries. */
import { addMonths, DAY_MS, utcMidnight } from './calendar.ts';
import { agentCode, agentIsActive, clientUserId, genderOf, personOf, userCreatedAt, userPerson } from './people.ts';
import type { Plan } from './plan.ts';
import { Rng, streamId } from './random.ts';
import { PRODUCTS, RELATIONSHIPS, type Product } from './vocabulary/insurance.ts';

const S = { policy: streamId('policy'), coverage: streamId('coverage'), beneficiary: streamId('pg-beneficiary') };
const POPULARITY = PRODUCTS.map((p) => p.popularity);

export const cents = (c: number): string => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;

export function productRow(index: number): unknown[] {
  const p = PRODUCTS[index]!;
  return [index + 1, p.code, p.name, p.description, p.type, p.basePremium];
}

export interface Policy {
  readonly id: number;
  readonly customerId: number;
  readonly product: Product;
  readonly agentCode: string | null;
  /** UTC midnight of start_date / end_date. */
  readonly start: number;
  readonly end: number;
  readonly sumInsuredCents: number;
  readonly premiumCents: number;
  readonly status: 'ACTIVE' | 'CANCELLED' | 'EXPIRED';
  readonly createdAt: number;
  /** 12 monthly instalments or 1 payment per year. */
  readonly instalments: 1 | 12;
}

function teamPolicy(plan: Plan, id: number, rng: Rng, product: Product): Policy {
  const start = utcMidnight(plan.until - rng.int(730) * DAY_MS - DAY_MS);
  const sum = rng.between(product.sumInsured[0], product.sumInsured[1]) * 100;
  return {
    id, product, customerId: 1 + rng.int(plan.users), agentCode: `AGT${String(1 + rng.int(50)).padStart(3, '0')}`,
    start, end: addMonths(start, 12), sumInsuredCents: sum, premiumCents: Math.round(sum * (0.01 + rng.next() * 0.04)),
    status: rng.weighted([['ACTIVE', 60], ['CANCELLED', 20], ['EXPIRED', 20]] as const), createdAt: start + rng.int(DAY_MS), instalments: 12,
  };
}

export function policyAt(plan: Plan, id: number): Policy {
  const rng = new Rng(plan.seed, S.policy, id);
  const product = PRODUCTS[rng.weightedIndex(POPULARITY)]!;
  if (plan.shape === 'team') return teamPolicy(plan, id, rng, product);
  const customerId = clientUserId(plan, rng.int(plan.clients));
  const registered = userCreatedAt(plan, customerId);
  // The policy starts on a day after the customer registered and before the end of the history.
  const firstDay = utcMidnight(registered) + DAY_MS;
  const days = Math.max(0, Math.floor((plan.until - firstDay) / DAY_MS));
  const start = days === 0 ? utcMidnight(registered) : firstDay + Math.floor(rng.next() ** 0.8 * days) * DAY_MS;
  const end = addMonths(start, product.termMonths);
  const [lo, hi] = product.sumInsured;
  const step = hi >= 100_000 ? 1000 : 100;
  const sum = Math.round((lo + rng.next() ** 1.6 * (hi - lo)) / step) * step * 100;
  const premium = Math.round(sum * (product.rate[0] + rng.next() * (product.rate[1] - product.rate[0])));
  let agent: string | null = null;
  if (rng.chance(0.86)) {
    let agentId = 1 + rng.int(plan.agents);
    if (!agentIsActive(plan, agentId)) agentId = 1 + rng.int(plan.agents);
    agent = agentCode(plan, agentId);
  }
  const cancelled = rng.chance(0.07);
  const status = cancelled ? 'CANCELLED' : end <= plan.until ? 'EXPIRED' : 'ACTIVE';
  const createdAt = Math.max(registered + 60_000, start - rng.int(7) * DAY_MS - rng.int(DAY_MS));
  return {
    id, customerId, product, agentCode: agent, start, end, sumInsuredCents: sum, premiumCents: premium, status,
    createdAt: Math.min(createdAt, plan.until - 1000), instalments: rng.chance(0.6) ? 12 : 1,
  };
}

export function policyRow(plan: Plan, id: number): unknown[] {
  const p = policyAt(plan, id);
  return [id, `POL-${String(id).padStart(6, '0')}`, p.customerId, p.product.code, p.agentCode, p.start, p.end,
    cents(p.sumInsuredCents), cents(p.premiumCents), p.status, p.createdAt];
}

/** The first coverage of a product always; each other one with probability 0.8 (≈ 2 per policy overall). */
export function coverageRows(plan: Plan, policyId: number): unknown[][] {
  const p = policyAt(plan, policyId);
  const rng = new Rng(plan.seed, S.coverage, policyId);
  return p.product.coverages
    .filter((_, i) => i === 0 || rng.chance(0.8))
    .map((c) => {
      const limit = Math.round((p.sumInsuredCents * c.limitShare) / 100) * 100;
      const deductible = Math.round(limit * c.deductibleShare * (0.5 + rng.next()));
      return [policyId, c.code, c.name, cents(limit), cents(deductible)];
    });
}

const SPLITS: Record<number, readonly (readonly number[])[]> = {
  1: [[10000]], 2: [[5000, 5000], [6000, 4000], [7000, 3000]], 3: [[4000, 3000, 3000], [3400, 3300, 3300], [5000, 2500, 2500]],
};

/** Life products name 1–3 beneficiaries; the others 0–2 (≈ 1 per policy overall). */
export function beneficiaryRows(plan: Plan, policyId: number): unknown[][] {
  const p = policyAt(plan, policyId);
  const rng = new Rng(plan.seed, S.beneficiary, policyId);
  const count = p.product.type === 'LIFE' ? rng.between(1, 3) : rng.weighted([[0, 40], [1, 53], [2, 7]] as const);
  if (count === 0) return [];
  const split = rng.pick(SPLITS[count]!);
  const holder = userPerson(plan, p.customerId);
  return split.map((share, i) => {
    const relationship = rng.pick(RELATIONSHIPS);
    const person = personOf(plan, S.beneficiary, policyId * 4 + i, genderOf(relationship));
    const last = relationship.startsWith('HIJ') ? holder.last : person.last;
    const contact = rng.chance(0.2) ? null : rng.chance(0.5)
      ? `Tel. 9${rng.between(10, 99)} ${rng.between(100, 999)} ${rng.between(100, 999)}`
      : `${person.first.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')}.${rng.between(1, 999)}@gmail.com`;
    const clientId = plan.shape === 'team' ? 1 + rng.int(plan.users) : p.customerId;
    return [policyId, clientId, `${person.first} ${last}`, relationship, cents(share), contact];
  });
}
