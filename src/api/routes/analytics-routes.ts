/** The nine analytics routes of ENDPOINTS.md: paths, parameters, the tables each reads and its computation. */
import { Type, type TSchema } from 'typebox';
import { claimsAnalytics, correlationAnalytics, CLAIMS_TABLES, CORRELATION_TABLES } from '../../analytics/claims.ts';
import type { AnalyticsContext } from '../../analytics/context.ts';
import { agentPerformanceAnalytics, AGENT_TABLES, claimsVsPoliciesAnalytics, CLAIMS_VS_POLICIES_TABLES, customerProfileAnalytics, PROFILE_TABLES } from '../../analytics/cross.ts';
import { growthAnalytics, GROWTH_TABLES } from '../../analytics/growth.ts';
import { productsAnalytics, profitabilityAnalytics, PRODUCTS_TABLES, PROFITABILITY_TABLES } from '../../analytics/products.ts';
import { usersAnalytics, USERS_TABLES } from '../../analytics/users.ts';
import { integerParameter, type Query } from '../params.ts';
import * as S from '../schemas/analytics.ts';

export interface AnalyticsRoute {
  readonly path: string;
  readonly family: 'mysql' | 'postgresql' | 'cassandra' | 'cross';
  readonly summary: string;
  readonly description: string;
  readonly tables: readonly string[];
  /** Route-specific parameters (as_of, format and section are common to all). */
  readonly parameters: Record<string, TSchema>;
  readonly response: TSchema;
  parse(query: Query): Record<string, number>;
  compute(ctx: AnalyticsContext, args: Record<string, number>): Promise<{ meta: { snapshots: object; unmatched: Record<string, number> } } & Record<string, unknown>>;
}


const none = () => ({});
const MAX_OFFSET = 1_000_000_000;

export const ANALYTICS_ROUTES: readonly AnalyticsRoute[] = [
  {
    path: '/mysql/analytics/users', family: 'mysql', summary: 'Users and clients',
    description: 'Total users; by role; by state (count and share); top cities; registrations in the last 30 days; monthly registrations for 12 months; client demographics (age bands from birth_date, document types); data quality (missing e-mail/phone, duplicate e-mails, users without role).',
    tables: USERS_TABLES, parameters: {}, response: S.UsersResponse, parse: none, compute: (ctx) => usersAnalytics(ctx),
  },
  {
    path: '/mysql/analytics/growth-by-state', family: 'mysql', summary: 'New users per state and month',
    description: 'For each state, new users per calendar month in the window (zero-filled); totals; growth of the last full month vs the one before; the states growing fastest.',
    tables: GROWTH_TABLES, parameters: { months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, default: 12, description: 'Window in calendar months (1–36), ending with D\'s month.' })) },
    response: S.GrowthResponse, parse: (q) => ({ months: integerParameter(q, 'months', 12, 1, 36) }), compute: (ctx, a) => growthAnalytics(ctx, a.months!),
  },
  {
    path: '/postgresql/analytics/products', family: 'postgresql', summary: 'Products, sales and coverages',
    description: 'Total products; by product_type; base_premium statistics; policies per product (total, ACTIVE) and the best sellers; coverage statistics from policy_coverage.',
    tables: PRODUCTS_TABLES, parameters: {}, response: S.ProductsResponse, parse: none, compute: (ctx) => productsAnalytics(ctx),
  },
  {
    path: '/postgresql/analytics/product-profitability', family: 'postgresql', summary: 'Written premium and exposure per product',
    description: 'Per product: policies (total, ACTIVE), written premium (Σ policy.premium), average premium, sum insured (exposure), premium-to-exposure %; ranked. No invented ROI: profitability that needs claims is in /cross/analytics/claims-vs-policies.',
    tables: PROFITABILITY_TABLES, parameters: {}, response: S.ProfitabilityResponse, parse: none, compute: (ctx) => profitabilityAnalytics(ctx),
  },
  {
    path: '/cassandra/analytics/claims', family: 'cassandra', summary: 'Claims',
    description: 'Total claims; by estado; amount statistics (sum, mean, exact median and p90, min, max) and amount bands; monthly claims for 12 months; by weekday; claims in the last 30 days.',
    tables: CLAIMS_TABLES, parameters: {}, response: S.ClaimsResponse, parse: none, compute: (ctx) => claimsAnalytics(ctx),
  },
  {
    path: '/cassandra/analytics/claims-payments-correlation', family: 'cassandra', summary: 'Claims against payments',
    description: 'Approval rate = Aprobado / (Aprobado + Rechazado); pending share; payment success rate (Procesado / all) and by method; cash loss ratio = approved claim amount / processed payment amount; monthly claims vs payments for 12 months with their Pearson correlations; mean days from a claim to the next processed payment on the same policy.',
    tables: CORRELATION_TABLES, parameters: {}, response: S.CorrelationResponse, parse: none, compute: (ctx) => correlationAnalytics(ctx),
  },
  {
    path: '/cross/analytics/customer-policy-profile', family: 'cross', summary: 'Clients and their policies',
    description: 'Clients; distinct clients with ≥ 1 policy and penetration %; policies per client; by state and by age band: clients, policies, premium, sum insured; value segments by quantiles of premium per client; top clients; unmatched policy.customer_id.',
    tables: PROFILE_TABLES, parameters: {}, response: S.ProfileResponse, parse: none, compute: (ctx) => customerProfileAnalytics(ctx),
  },
  {
    path: '/cross/analytics/agent-performance', family: 'cross', summary: 'Agents and their sales',
    description: 'Per agent (agents.code = policy.agent_id): policies sold, ACTIVE policies, written premium, average premium, distinct products, rank; summary: agents, active agents, agents with sales, sales penetration %; unmatched policy.agent_id.',
    tables: AGENT_TABLES,
    parameters: {
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'Page size (1–1000).' })),
      offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0, description: `Agents to skip (0–${MAX_OFFSET}); past the last agent the page is empty.` })),
    },
    response: S.AgentsResponse,
    parse: (q) => ({ limit: integerParameter(q, 'limit', 50, 1, 1000), offset: integerParameter(q, 'offset', 0, 0, MAX_OFFSET) }),
    compute: (ctx, a) => agentPerformanceAnalytics(ctx, a.limit!, a.offset!),
  },
  {
    path: '/cross/analytics/claims-vs-policies', family: 'cross', summary: 'Claims against policies per product',
    description: 'Per product (reclamos.poliza_id = policy.id): policies, claims, claim frequency per 100 policies, claimed and approved amounts, written premium, loss ratio % = approved claim amount / written premium; best and worst products; unmatched reclamos.poliza_id.',
    tables: CLAIMS_VS_POLICIES_TABLES, parameters: {}, response: S.ClaimsVsPoliciesResponse, parse: none, compute: (ctx) => claimsVsPoliciesAnalytics(ctx),
  },
];
