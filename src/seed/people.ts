/**
 * MySQL's people, each a pure function of its id: users (blocks of 20 with a shuffled role layout), their client
 * profiles, agents and beneficiaries.
 */
import { DAY_MS, utcMidnight } from './calendar.ts';
import type { Plan } from './plan.ts';
import { hash32, Rng, scramble, streamId } from './random.ts';
import { DOCUMENT_TYPES } from './vocabulary/insurance.ts';
import { asciiSlug, EMAIL_DOMAINS, FEMALE_NAMES, MALE_NAMES, REGIONS, STREET_KINDS, STREET_NAMES, SURNAMES } from './vocabulary/peru.ts';

const S = {
  block: streamId('block'), person: streamId('person'), user: streamId('user'), client: streamId('client'),
  agent: streamId('agent'), beneficiary: streamId('mysql-beneficiary'),
};

/** Slots 0–14 of a block are clients, 15–18 agent accounts, 19 an admin or a user without a client profile. */
export const CLIENT_SLOTS = 15;
const BLOCK = 20;

function blockOffset(plan: Plan, block: number): number {
  return hash32(plan.seed, S.block, block) % BLOCK;
}

export function slotOf(plan: Plan, userId: number): number {
  const block = Math.floor((userId - 1) / BLOCK);
  return (((userId - 1) % BLOCK) * 7 + blockOffset(plan, block)) % BLOCK;
}

/** Inverse of slotOf: 7 × 3 ≡ 1 (mod 20). */
export function userOfSlot(plan: Plan, block: number, slot: number): number {
  const position = (((slot - blockOffset(plan, block)) % BLOCK + BLOCK) * 3) % BLOCK;
  return block * BLOCK + position + 1;
}

/** The user id of the k-th client (0-based). */
export function clientUserId(plan: Plan, k: number): number {
  return userOfSlot(plan, Math.floor(k / CLIENT_SLOTS), k % CLIENT_SLOTS);
}

export interface Person { readonly first: string; readonly last: string; readonly female: boolean }

export function personOf(plan: Plan, stream: number, id: number, gender?: 'female' | 'male'): Person {
  const rng = new Rng(plan.seed, S.person ^ stream, id);
  const coin = rng.chance(0.5);
  const female = gender === undefined ? coin : gender === 'female';
  const first = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
  const last = rng.chance(0.75) ? `${rng.pick(SURNAMES)} ${rng.pick(SURNAMES)}` : rng.pick(SURNAMES);
  return { first, last, female };
}

/** The name of a user (and of its client or agent profile). */
export function userPerson(plan: Plan, userId: number): Person {
  return personOf(plan, S.user, userId);
}

/** Registration instant: ids rise with time, as AUTO_INCREMENT ids do. */
export function userCreatedAt(plan: Plan, userId: number): number {
  if (plan.shape === 'team') return plan.loadTime;
  const jitter = new Rng(plan.seed, S.user, userId).next();
  return plan.timeline.at((userId - 1 + jitter) / plan.users);
}

const regionCache = new Map<number, number[]>();
function regionWeights(progress: number): number[] {
  const bucket = Math.round(progress * 50);
  let weights = regionCache.get(bucket);
  if (!weights) {
    weights = REGIONS.map((r) => r.weight * Math.exp(r.trend * 1.6 * (bucket / 50)));
    regionCache.set(bucket, weights);
  }
  return weights;
}

export type Role = 'ADMIN' | 'USER' | 'AGENT' | null;

export function roleOf(plan: Plan, userId: number): Role {
  const slot = slotOf(plan, userId);
  if (slot < CLIENT_SLOTS) return 'USER';
  if (slot < BLOCK - 1) return 'AGENT';
  const r = new Rng(plan.seed, S.user ^ 0x5bd1e995, userId).next();
  return r < 0.4 ? 'ADMIN' : r < 0.9 ? 'USER' : null;
}

export function userRow(plan: Plan, id: number): unknown[] {
  const rng = new Rng(plan.seed, S.user, id);
  rng.next(); // the jitter of userCreatedAt
  const person = personOf(plan, S.user, id);
  const created = userCreatedAt(plan, id);
  const region = plan.shape === 'team' ? rng.pick(REGIONS) : REGIONS[rng.weightedIndex(regionWeights(plan.timeline.progress(created)))]!;
  const city = rng.chance(0.7) ? region.cities[0]! : rng.pick(region.cities);
  const slug = `${asciiSlug(person.first)}.${asciiSlug(person.last.split(' ')[0]!)}`;
  const role = roleOf(plan, id);
  const domain = role === 'USER' || role === null ? rng.weighted(EMAIL_DOMAINS) : 'primac.com.pe';
  const phone = 900_000_000 + scramble(id, 7_300_001, 100_000_000);
  const updated = rng.chance(0.6) ? created : Math.min(created + rng.next() * (plan.until - created), plan.until - 1000);
  const street = `${rng.pick(STREET_KINDS)} ${rng.pick(STREET_NAMES)} ${rng.between(100, 3999)}${rng.chance(0.2) ? `, Dpto. ${rng.between(101, 1504)}` : ''}`;
  const password = `$2a$10$${hash32(plan.seed, id, 1).toString(36)}${hash32(plan.seed, id, 2).toString(36)}${hash32(plan.seed, id, 3).toString(36)}`.padEnd(60, 'x');
  return [id, `${slug}${id}`, `${slug}${id}@${domain}`, password, role, phone, created, plan.shape === 'team' ? created : updated, street, city, region.state];
}

function documentNumber(type: string, id: number, key: number): string {
  const base = scramble(id, key, 100_000_000);
  switch (type) {
    case 'DNI': return String(base).padStart(8, '0');
    case 'CARNET_EXTRANJERIA': return `0${String(base).padStart(8, '0')}`;
    case 'PASSPORT': return `P${String(base).padStart(8, '0')}`;
    case 'RUC': return `10${String(base).padStart(8, '0')}${base % 10}`;
    default: return `V${String(base).padStart(9, '0')}`;
  }
}

/** A birth date for someone `age` years old (fractional) at instant `at`. */
function birthDate(at: number, age: number): number {
  return utcMidnight(at - age * 365.25 * DAY_MS);
}

export function clientBirth(plan: Plan, userId: number): number {
  const rng = new Rng(plan.seed, S.client, userId);
  const age = 18 + Math.min(Math.abs(rng.normal()) * 16 + rng.next() * 8, 67);
  return birthDate(userCreatedAt(plan, userId), age);
}

export function clientRow(plan: Plan, userId: number): unknown[] {
  const rng = new Rng(plan.seed, S.client, userId);
  rng.next(); rng.normal(); rng.next(); // the draws of clientBirth
  const person = personOf(plan, S.user, userId);
  const type = rng.weighted(DOCUMENT_TYPES);
  const created = plan.shape === 'team' ? plan.loadTime : userCreatedAt(plan, userId) + rng.between(5, 900) * 1000;
  const updated = plan.shape === 'team' || rng.chance(0.7) ? created : Math.min(created + rng.next() * (plan.until - created), plan.until - 1000);
  return [userId, person.first, person.last, type, documentNumber(type, userId, 1_234_567), clientBirth(plan, userId), created, updated];
}

export function agentCode(plan: Plan, agentId: number): string {
  // The team's MySQL seed numbered agents from AGT15001; their policies used AGT001–AGT050 (never matching).
  return plan.shape === 'team' ? `AGT${15_000 + agentId}` : `AGT${String(agentId).padStart(5, '0')}`;
}

export function agentIsActive(plan: Plan, agentId: number): boolean {
  return new Rng(plan.seed, S.agent, agentId).next() < 0.88;
}

export function agentRow(plan: Plan, agentId: number): unknown[] {
  const block = Math.floor((agentId - 1) / 5);
  const slot = CLIENT_SLOTS + ((agentId - 1) % 5);
  // Four agents per block have a user account (the AGENT slots); the fifth is an external broker without one.
  const userId = slot < BLOCK - 1 && plan.shape === 'consistent' ? userOfSlot(plan, block, slot) : null;
  const person = userId === null ? personOf(plan, S.agent, agentId) : personOf(plan, S.user, userId);
  return [agentId, agentCode(plan, agentId), person.first, person.last, agentIsActive(plan, agentId), userId];
}

/** HIJA, MADRE, HERMANA, ABUELA are women; CONYUGE either. */
export function genderOf(relationship: string): 'female' | 'male' | undefined {
  if (relationship === 'CONYUGE') return undefined;
  return /(A|MADRE)$/.test(relationship) ? 'female' : 'male';
}

const RELATION_AGE: Record<string, readonly [number, number]> = {
  HIJO: [-40, -18], HIJA: [-40, -18], CONYUGE: [-6, 6], PADRE: [20, 35], MADRE: [18, 35],
  HERMANO: [-10, 10], HERMANA: [-10, 10], ABUELO: [40, 60], ABUELA: [38, 60],
};
const RELATIONS: readonly (readonly [string, number])[] = [
  ['HIJO', 22], ['HIJA', 22], ['CONYUGE', 30], ['PADRE', 6], ['MADRE', 7], ['HERMANO', 4], ['HERMANA', 4], ['ABUELO', 2], ['ABUELA', 3],
];

export function mysqlBeneficiaryRow(plan: Plan, id: number): unknown[] {
  const rng = new Rng(plan.seed, S.beneficiary, id);
  // MySQL enforces this foreign key, so even the team's loose data resolves it.
  const clientId = clientUserId(plan, rng.int(plan.clients));
  const holder = personOf(plan, S.user, clientId);
  const relationship = rng.weighted(RELATIONS);
  const person = personOf(plan, S.beneficiary, id, genderOf(relationship));
  const last = ['HIJO', 'HIJA', 'PADRE', 'HERMANO', 'HERMANA', 'ABUELO'].includes(relationship) ? holder.last : person.last;
  const [minOffset, maxOffset] = RELATION_AGE[relationship]!;
  const created = plan.shape === 'team' ? plan.loadTime : userCreatedAt(plan, clientId) + rng.between(60, 86_400 * 90) * 1000;
  const createdAt = Math.min(created, plan.until - 1000);
  const holderBirth = clientBirth(plan, clientId);
  const birth = Math.min(holderBirth - (minOffset + rng.next() * (maxOffset - minOffset)) * 365.25 * DAY_MS, createdAt - DAY_MS);
  const type = rng.chance(0.95) ? 'DNI' : 'CARNET_EXTRANJERIA';
  return [id, clientId, person.first, last, type, documentNumber(type, id, 55_555_333), utcMidnight(birth), relationship, createdAt, createdAt];
}
