/** Response schemas of the nine analytics routes (RESPONSES.md), each field described for OpenAPI. */
import { Type } from 'typebox';
import { analyticsResponse, Count, Money, MoneyTotal, MonthKey, NullableText, Pct, Text } from './common.ts';

const ageBands = <T extends Record<string, import('typebox').TSchema>>(fields: T) =>
  Type.Array(Type.Object({ band: Type.String({ enum: ['<25', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'], description: 'Age band: whole years from birth_date to D; a birth date after D is <25; null birth date is unknown.' }), ...fields }), { description: 'All seven bands, in order.' });

export const UsersResponse = analyticsResponse({
  total_users: Count('Every user of the snapshot.'),
  users_by_role: Type.Record(Type.String(), Type.Integer(), { description: 'ADMIN, USER, AGENT and UNKNOWN (role NULL or empty), zero-filled.' }),
  users_by_state: Type.Array(Type.Object({ state: Text('Region, UNKNOWN when NULL or empty.'), users: Count('Users.'), share_pct: Pct('users / total_users × 100.') }), { description: 'Each state with ≥ 1 user; users desc, state.' }),
  top_cities: Type.Array(Type.Object({ city: Text('City, exactly as stored.'), users: Count('Users.') }), { description: 'First 10 by users desc, city; UNKNOWN excluded.' }),
  recent_registrations: Count('Users created in [D − 29 days, D].'),
  monthly_registrations: Type.Array(Type.Object({ month: MonthKey, users: Count('Users created that month (up to D).') }), { description: '12 calendar months ending with D\'s month, oldest first.' }),
  client_demographics: Type.Object({
    total_clients: Count('Every client.'),
    by_age_band: ageBands({ clients: Count('Clients.') }),
    by_document_type: Type.Array(Type.Object({ document_type: Text('Document type, UNKNOWN when NULL or empty.'), clients: Count('Clients.') }), { description: 'clients desc, document_type.' }),
  }, { description: 'Clients (the clients table): age bands and document types.' }),
  data_quality: Type.Object({
    missing_emails: Count('E-mail NULL or empty.'),
    missing_phones: Count('Phone NULL or empty.'),
    duplicate_emails: Count('Users whose e-mail (trimmed, case-insensitive) is shared with another user.'),
    users_without_role: Count('Role NULL or empty (= users_by_role.UNKNOWN).'),
  }, { description: 'Gaps in the users table.' }),
}, 'Users and clients of the users service (MySQL).');

const monthCounts = Type.Array(Type.Object({ month: MonthKey, users: Count('New users that month.') }), { description: 'The state\'s N months, oldest first, zero-filled.' });

export const GrowthResponse = analyticsResponse({
  months: Type.Integer({ minimum: 1, maximum: 36, description: 'N, the window in calendar months.' }),
  window: Type.Object({ from: MonthKey, to: MonthKey }, { description: 'First and last month of the window (the last is D\'s month).' }),
  total_new_users: Count('Users created within the window, on or before D.'),
  monthly_growth: Type.Array(Type.Object({ month: MonthKey, users: Count('New users.') }), { description: 'N months, oldest first, zero-filled.' }),
  by_state: Type.Array(Type.Object({ state: Text('Region (UNKNOWN when NULL or empty).'), new_users: Count('New users in the window.'), months: monthCounts }), { description: 'States with ≥ 1 new user in the window; new_users desc, state.' }),
  growth_rate: Type.Object({
    month: MonthKey, previous_month: MonthKey, users: Count('New users in the last full month (the month before D\'s).'),
    previous_users: Count('New users in the month before that.'), change_pct: Pct('(users − previous_users) / previous_users × 100.'),
  }, { description: 'Independent of months.' }),
  top_growing_states: Type.Array(Type.Object({ state: Text('Region.'), users: Count('Last full month.'), previous_users: Count('The month before.'), change_pct: Pct('Change.') }), { description: 'First 10 by (users − previous_users) desc, state; candidates have ≥ 1 user in either month.' }),
}, 'New users per state and calendar month.');

const productPolicies = Type.Object({ code: Text('Product code.'), name: NullableText('Product name.'), policies: Count('Policies of the product.'), active_policies: Count('Policies with status ACTIVE.') });

export const ProductsResponse = analyticsResponse({
  total_products: Count('Every product.'),
  products_by_type: Type.Array(Type.Object({ product_type: Text('Type, UNKNOWN when NULL or empty.'), products: Count('Products.') }), { description: 'products desc, product_type.' }),
  base_premium: Type.Object({ min: Money('Smallest.'), max: Money('Largest.'), avg: Money('Mean of non-null values.'), median: Money('Exact median (percentile_cont).') }, { description: 'product.base_premium over every product.' }),
  policies_per_product: Type.Array(productPolicies, { description: 'Every product (zero included); policies desc, code.' }),
  best_sellers: Type.Array(productPolicies, { description: 'The first 5 of policies_per_product with policies > 0.' }),
  coverage: Type.Object({
    policies: Count('Every policy.'), policies_with_coverage: Count('Policies with ≥ 1 coverage.'), coverages: Count('Coverages of existing policies.'),
    coverages_per_policy: Pct('coverages / policies_with_coverage (a ratio, 2 decimals).'),
    avg_coverage_limit: Money('Mean coverage_limit.'), avg_deductible: Money('Mean deductible.'),
  }, { description: 'Policies and their coverages (policy_coverage).' }),
}, 'Products, their sales and coverages (PostgreSQL).');

const profitabilityFigures = {
  policies: Count('Policies.'), active_policies: Count('ACTIVE policies.'), written_premium: MoneyTotal('Σ policy.premium.'),
  sum_insured: MoneyTotal('Σ policy.sum_insured (exposure).'), premium_to_exposure_pct: Pct('written_premium / sum_insured × 100.'),
};

export const ProfitabilityResponse = analyticsResponse({
  products: Type.Array(Type.Object({
    rank: Type.Integer({ minimum: 1, description: '1…n in this order.' }), code: Text('Product code.'), name: NullableText('Name.'), product_type: Text('Type (UNKNOWN when NULL or empty).'),
    ...profitabilityFigures, avg_premium: Money('Mean premium of its policies.'),
  }), { description: 'Products with ≥ 1 policy; written_premium desc, code.' }),
  summary: Type.Object({ products_with_policies: Count('Products listed.'), ...profitabilityFigures }, { description: 'Totals of products.' }),
}, 'Written premium and exposure per product. Profitability that needs claims is in /cross/analytics/claims-vs-policies.');

const amountBand = Type.String({ enum: ['<1K', '1K-5K', '5K-10K', '10K-50K', '50K+'], description: 'Band of monto.' });

export const ClaimsResponse = analyticsResponse({
  total_claims: Count('Every claim.'),
  claims_by_status: Type.Array(Type.Object({ estado: Text('Status, UNKNOWN when NULL or empty.'), claims: Count('Claims.'), amount: MoneyTotal('Σ monto.') }), { description: 'claims desc, estado.' }),
  amount: Type.Object({ sum: MoneyTotal('Σ monto.'), mean: Money('Mean.'), median: Money('Exact median.'), p90: Money('Exact 90th percentile.'), min: Money('Smallest.'), max: Money('Largest.') }, { description: 'monto over every claim with one (NULL left out).' }),
  amount_bands: Type.Array(Type.Object({ band: amountBand, claims: Count('Claims.'), amount: MoneyTotal('Σ monto.') }), { description: 'Five bands in order, lower bound inclusive; <1K includes negatives; NULL monto in no band.' }),
  monthly: Type.Array(Type.Object({ month: MonthKey, claims: Count('Claims.'), amount: MoneyTotal('Σ monto.') }), { description: '12 months ending with D\'s month.' }),
  by_weekday: Type.Array(Type.Object({ weekday: Type.String({ enum: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'], description: 'Day of the week of fecha (UTC).' }), claims: Count('Claims (all, by UTC date).') }), { description: 'Monday … Sunday.' }),
  recent_claims: Count('Claims dated in [D − 29 days, D].'),
}, 'Claims of the claims service (Cassandra).');

export const CorrelationResponse = analyticsResponse({
  claims: Type.Object({
    total: Count('Claims.'), approved: Count('estado Aprobado.'), rejected: Count('estado Rechazado.'), pending: Count('estado Pendiente.'),
    approved_amount: MoneyTotal('Σ monto of approved claims.'), approval_rate_pct: Pct('approved / (approved + rejected) × 100.'), pending_pct: Pct('pending / total × 100.'),
  }, { description: 'Claims (reclamos) by status.' }),
  payments: Type.Object({
    total: Count('Payments.'), processed: Count('estado Procesado.'), processed_amount: MoneyTotal('Σ monto of processed payments.'), success_rate_pct: Pct('processed / total × 100.'),
    by_method: Type.Array(Type.Object({ metodo: Text('Method, UNKNOWN when NULL or empty.'), payments: Count('Payments.'), processed: Count('Processed.'), processed_amount: MoneyTotal('Σ processed monto.'), success_rate_pct: Pct('processed / payments × 100.') }), { description: 'payments desc, metodo.' }),
  }, { description: 'Premium payments (pagos) by status and method.' }),
  cash_loss_ratio_pct: Pct('claims.approved_amount / payments.processed_amount × 100.'),
  monthly: Type.Array(Type.Object({ month: MonthKey, claims: Count('All claims.'), claims_amount: MoneyTotal('Σ claim monto.'), payments: Count('Processed payments.'), payments_amount: MoneyTotal('Σ processed payment monto.') }), { description: '12 months ending with D\'s month.' }),
  correlation: Type.Object({
    count_pearson: Type.Union([Type.Number(), Type.Null()], { description: 'Pearson correlation of monthly claims and payments counts, 4 decimals; null when a series is constant.' }),
    amount_pearson: Type.Union([Type.Number(), Type.Null()], { description: 'Same for amounts.' }),
  }, { description: 'Of the 12 monthly pairs of claims and processed payments.' }),
  claim_to_payment: Type.Object({
    claims_with_next_payment: Count('Claims with a processed payment on the same poliza_id at or after their fecha.'),
    mean_days: Type.Union([Type.Number(), Type.Null()], { description: 'Mean gap to that first payment, in days (fractional), 2 decimals.' }),
  }, { description: 'Not windowed; a NULL poliza_id never pairs.' }),
}, 'Claims against premium payments (Cassandra).');

const profileFigures = {
  clients: Count('Clients.'), clients_with_policies: Count('Clients with ≥ 1 matched policy.'), policies: Count('Matched policies.'),
  written_premium: MoneyTotal('Σ premium.'), sum_insured: MoneyTotal('Σ sum_insured.'),
};

export const ProfileResponse = analyticsResponse({
  summary: Type.Object({
    clients: Count('Every client.'), clients_with_policies: Count('Distinct clients with ≥ 1 matched policy.'), penetration_pct: Pct('clients_with_policies / clients × 100.'),
    policies: Count('Policies whose customer_id matches a client.'), policies_per_client: Pct('policies / clients_with_policies (a ratio, 2 decimals).'),
    written_premium: MoneyTotal('Σ premium of matched policies.'), sum_insured: MoneyTotal('Σ sum_insured of matched policies.'),
  }, { description: 'Clients and their matched policies.' }),
  by_state: Type.Array(Type.Object({ state: Text('The client\'s user\'s state (UNKNOWN when NULL, empty or no user).'), ...profileFigures }), { description: 'States with ≥ 1 client; clients desc, state.' }),
  by_age_band: ageBands(profileFigures),
  value_segments: Type.Object({
    p40: Money('Exact 40th percentile of Σ premium per client with policies.'), p80: Money('Exact 80th percentile.'),
    high: Count('Clients above p80.'), medium: Count('Above p40 and at most p80.'), low: Count('At most p40.'),
  }, { description: 'Clients with policies by their Σ premium (all-NULL premiums sum to 0), compared with the unrounded percentiles.' }),
  top_clients: Type.Array(Type.Object({ client_id: Type.Integer({ description: 'clients.user_id.' }), first_name: NullableText('First name.'), last_name: NullableText('Last name.'), policies: Count('Policies.'), written_premium: MoneyTotal('Σ premium.') }), { description: 'First 10 by written_premium desc, client_id.' }),
}, 'Clients (MySQL) and their policies (PostgreSQL), joined on policy.customer_id = clients.user_id.');

export const AgentsResponse = analyticsResponse({
  summary: Type.Object({
    agents: Count('Every agent.'), active_agents: Count('is_active.'), agents_with_sales: Count('Agents with ≥ 1 matched policy.'),
    sales_penetration_pct: Pct('agents_with_sales / agents × 100.'), policies_sold: Count('Matched policies.'), written_premium: MoneyTotal('Σ premium of matched policies.'),
  }, { description: 'Over all agents (not only the page).' }),
  total: Count('Number of agents (for paging).'),
  agents: Type.Array(Type.Object({
    rank: Type.Integer({ minimum: 1, description: '1-based position in the full ordering.' }), code: Text('Agent code.'), first_name: NullableText('First name.'), last_name: NullableText('Last name.'),
    is_active: Type.Union([Type.Boolean(), Type.Null()], { description: 'agents.is_active (null when NULL).' }), policies: Count('Policies sold.'), active_policies: Count('ACTIVE policies.'), written_premium: MoneyTotal('Σ premium.'),
    avg_premium: Money('Mean premium (null without sales).'), distinct_products: Count('Distinct products sold.'),
  }), { description: 'The page [offset, offset + limit) of all agents by written_premium desc, policies desc, code.' }),
}, 'Agents (MySQL) and the policies they sold (PostgreSQL), joined on policy.agent_id = agents.code.');

const claimsFigures = {
  policies: Count('Policies.'), claims: Count('Claims on those policies.'), claims_per_100_policies: Pct('claims / policies × 100.'),
  claimed_amount: MoneyTotal('Σ monto of the claims.'), approved_amount: MoneyTotal('Σ monto of Aprobado claims.'),
  written_premium: MoneyTotal('Σ premium.'), loss_ratio_pct: Pct('approved_amount / written_premium × 100.'),
};

export const ClaimsVsPoliciesResponse = analyticsResponse({
  products: Type.Array(Type.Object({ code: Text('Product code.'), name: NullableText('Name.'), ...claimsFigures }), { description: 'Products with ≥ 1 policy; loss_ratio_pct desc (nulls last), code.' }),
  summary: Type.Object(claimsFigures, { description: 'Totals over products.' }),
  best: NullableText('Code of the product with the lowest non-null loss ratio (unrounded; ties to the smaller code).'),
  worst: NullableText('Code of the product with the highest non-null loss ratio.'),
}, 'Claims (Cassandra) on policies and products (PostgreSQL), joined on reclamos.poliza_id = policy.id.');
