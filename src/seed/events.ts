/**
 * Cassandra's events: claims and payments on real policies (after the start, within the term), and the audit trail
 * that refers to them. Each is a pure function of its index.
 */
import { addMonths, DAY_MS } from './calendar.ts';
import { CLIENT_SLOTS, clientUserId, userOfSlot } from './people.ts';
import type { Plan } from './plan.ts';
import { cents, policyAt, type Policy } from './policies.ts';
import { Rng, streamId } from './random.ts';
import { AUDIT_OPERATIONS, CLAIM_DESCRIPTIONS, PRODUCTS } from './vocabulary/insurance.ts';

const S = { claim: streamId('claim'), payment: streamId('payment'), audit: streamId('audit') };
const MAX_CLAIM_RATE = Math.max(...PRODUCTS.map((p) => p.claimRate));
const HOUR = 3_600_000;

export interface Claim { readonly id: string; readonly clienteId: number; readonly polizaId: number; readonly fecha: number; readonly estado: string; readonly monto: string; readonly descripcion: string }
export interface Payment { readonly id: string; readonly clienteId: number; readonly polizaId: number; readonly fecha: number; readonly monto: string; readonly metodo: string; readonly estado: string }

/** The end of a policy's cover as seen at the end of the history. */
const coverEnd = (plan: Plan, p: Policy) => Math.min(p.end, plan.until);

/** Days a policy has been in force by the end of the history (its exposure). */
const exposureDays = (plan: Plan, p: Policy) => Math.max(1, (coverEnd(plan, p) - p.start) / DAY_MS);

/**
 * Claims fall on policies in proportion to their product's claim rate and to their exposure, so claims spread over
 * the history like the portfolio does (rejection sampling keeps random access).
 */
function claimedPolicy(plan: Plan, rng: Rng): Policy {
  const longest = plan.timeline.days;
  for (;;) {
    const policy = policyAt(plan, 1 + rng.int(plan.policies));
    if (rng.next() * MAX_CLAIM_RATE * longest < policy.product.claimRate * exposureDays(plan, policy)) return policy;
  }
}

/** Claims per policy (0.6 overall, SOURCES.md's 12k claims on 20k policies) spread by each product's claim rate. */
const AVERAGE_RATE = PRODUCTS.reduce((n, p) => n + p.claimRate * p.popularity, 0) / PRODUCTS.reduce((n, p) => n + p.popularity, 0);

/**
 * Amounts sized so that each product's loss ratio (approved claims / written premium) lands between 45 % and 85 %,
 * as an insurer's would: median = premium × loss ratio / (approval share × claims per policy), log-normal spread.
 */
function claimAmountCents(rng: Rng, p: Policy): number {
  const claimsPerPolicy = (0.6 * p.product.claimRate) / AVERAGE_RATE;
  const lossRatio = 0.45 + (PRODUCTS.indexOf(p.product) % 5) * 0.1;
  const median = (p.premiumCents * lossRatio) / (0.65 * claimsPerPolicy);
  const amount = Math.min(median * Math.exp(rng.normal() * 0.7 - 0.245), p.sumInsuredCents);
  return Math.max(5_000, Math.round(amount));
}

export function claimAt(plan: Plan, k: number): Claim {
  const rng = new Rng(plan.seed, S.claim, k);
  const id = rng.uuid();
  if (plan.shape === 'team') {
    return { id, clienteId: 1 + rng.int(plan.users), polizaId: 1 + rng.int(plan.policies), fecha: plan.until - 1 - rng.int(365 * DAY_MS),
      estado: rng.pick(['Pendiente', 'Aprobado', 'Rechazado']), monto: cents(rng.between(10_000, 5_000_000)), descripcion: rng.pick(CLAIM_DESCRIPTIONS.OTHER!) };
  }
  const p = claimedPolicy(plan, rng);
  const from = p.start + HOUR;
  const fecha = from + Math.floor(rng.next() * Math.max(coverEnd(plan, p) - from, HOUR / 2));
  const recent = plan.until - fecha < 30 * DAY_MS;
  const estado = recent
    ? rng.weighted([['Pendiente', 70], ['Aprobado', 20], ['Rechazado', 10]] as const)
    : rng.weighted([['Pendiente', 5], ['Aprobado', p.status === 'CANCELLED' ? 40 : 68], ['Rechazado', p.status === 'CANCELLED' ? 55 : 27]] as const);
  const amount = claimAmountCents(rng, p);
  // Some systems store whole amounts without decimals: Cassandra's DECIMAL keeps each value's own scale.
  const monto = rng.chance(0.05) ? String(Math.round(amount / 100)) : cents(amount);
  return { id, clienteId: p.customerId, polizaId: p.id, fecha: Math.min(fecha, plan.until - 1), estado, monto, descripcion: rng.pick(CLAIM_DESCRIPTIONS[p.product.type ?? 'OTHER']!) };
}

function paymentMethod(rng: Rng, progress: number): string {
  return rng.weighted([['Tarjeta', 40], ['Transferencia', 25], ['Efectivo', 22 * (1 - 0.6 * progress)], ['Yape', 4 + 22 * progress], ['Plin', 2 + 10 * progress]] as const);
}

export function paymentAt(plan: Plan, k: number): Payment {
  const rng = new Rng(plan.seed, S.payment, k);
  const id = rng.uuid();
  if (plan.shape === 'team') {
    return { id, clienteId: 1 + rng.int(plan.users), polizaId: 1 + rng.int(plan.policies), fecha: plan.until - 1 - rng.int(365 * DAY_MS),
      monto: cents(rng.between(5_000, 500_000)), metodo: paymentMethod(rng, rng.next()), estado: rng.pick(['Procesado', 'Pendiente', 'Fallido']) };
  }
  // Policies pay in proportion to the periods they have been in force: payments spread over the history too.
  let p = policyAt(plan, 1 + rng.int(plan.policies));
  while (rng.next() * plan.timeline.days > exposureDays(plan, p)) p = policyAt(plan, 1 + rng.int(plan.policies));
  const elapsedMonths = Math.max(1, Math.ceil((coverEnd(plan, p) - p.start) / (30.44 * DAY_MS)));
  // Monthly plans pay one instalment a month; annual plans pay at the start of each policy year.
  const periods = p.instalments === 12 ? elapsedMonths : Math.max(1, Math.ceil(elapsedMonths / 12));
  const period = rng.int(periods);
  const due = addMonths(p.start, p.instalments === 12 ? period : period * 12);
  const fecha = Math.min(due + rng.int(5 * DAY_MS) + HOUR, coverEnd(plan, p) - 1);
  const metodo = paymentMethod(rng, plan.timeline.progress(fecha));
  const fresh = plan.until - fecha < 3 * DAY_MS;
  const estado = rng.weighted([['Procesado', fresh ? 50 : 92], ['Pendiente', fresh ? 45 : 2], ['Fallido', metodo === 'Tarjeta' ? 7 : 4]] as const);
  const monto = p.instalments === 12 ? Math.round(p.premiumCents / 12) : p.premiumCents;
  return { id, clienteId: p.customerId, polizaId: p.id, fecha, monto: cents(monto), metodo, estado };
}

/** A staff account: one of the agent/admin slots of a block. */
function staffUser(plan: Plan, rng: Rng): number {
  return userOfSlot(plan, rng.int(plan.blocks), CLIENT_SLOTS + rng.int(5));
}

export function auditRow(plan: Plan, k: number): unknown[] {
  const rng = new Rng(plan.seed, S.audit, k);
  const id = rng.uuid();
  const operacion = rng.weighted(AUDIT_OPERATIONS);
  const servicio = rng.weighted([['ReclamosAPI', 30], ['PagosAPI', 40], ['PolizasAPI', 30]] as const);
  if (plan.shape === 'team') {
    const entidad = rng.pick(['Reclamo', 'Pago', 'Cliente', 'Poliza']);
    return [servicio, plan.until - 1 - rng.int(365 * DAY_MS), id, operacion, entidad, String(1 + rng.int(plan.policies)), 1 + rng.int(plan.users), `${operacion} ${entidad}`];
  }
  const aboutClient = rng.chance(servicio === 'PagosAPI' ? 0.1 : servicio === 'ReclamosAPI' ? 0.15 : 0.2);
  let entidad: string;
  let referencia: string;
  let happened: number;
  let owner: number;
  let detalle: string;
  if (aboutClient) {
    owner = clientUserId(plan, rng.int(plan.clients));
    entidad = 'Cliente';
    referencia = String(owner);
    happened = policyAt(plan, 1 + rng.int(plan.policies)).createdAt;
    detalle = `{"cliente_id":${owner},"accion":"${operacion.toLowerCase()}"}`;
  } else if (servicio === 'ReclamosAPI') {
    const claim = claimAt(plan, rng.int(plan.claims));
    [entidad, referencia, happened, owner] = ['Reclamo', claim.id, claim.fecha, claim.clienteId];
    detalle = operacion === 'UPDATE' ? `{"campo":"estado","valor":"${claim.estado}"}` : `Reclamo de S/ ${claim.monto}, póliza ${claim.polizaId}`;
  } else if (servicio === 'PagosAPI') {
    const payment = paymentAt(plan, rng.int(plan.payments));
    [entidad, referencia, happened, owner] = ['Pago', payment.id, payment.fecha, payment.clienteId];
    detalle = `{"metodo":"${payment.metodo}","monto":"${payment.monto}","estado":"${payment.estado}"}`;
  } else {
    const policy = policyAt(plan, 1 + rng.int(plan.policies));
    [entidad, referencia, happened, owner] = ['Poliza', String(policy.id), policy.createdAt, policy.customerId];
    detalle = `Póliza POL-${String(policy.id).padStart(6, '0')}, producto ${policy.product.code}`;
  }
  // Creation is logged at once; later operations up to 60 days after, never past the end of the history.
  const fecha = Math.min(happened + (operacion === 'CREATE' ? rng.int(2000) : rng.int(60 * DAY_MS)), plan.until - 1);
  const usuario = operacion === 'CREATE' && rng.chance(0.5) ? owner : staffUser(plan, rng);
  return [servicio, fecha, id, operacion, entidad, referencia, usuario, detalle];
}

export const claimRow = (plan: Plan, k: number): unknown[] => {
  const c = claimAt(plan, k);
  return [c.clienteId, c.fecha, c.id, c.polizaId, c.estado, c.monto, c.descripcion];
};

export const paymentRow = (plan: Plan, k: number): unknown[] => {
  const p = paymentAt(plan, k);
  return [p.clienteId, p.fecha, p.id, p.polizaId, p.monto, p.metodo, p.estado];
};
