// The dashboard: one panel per analytics route (plus reference integrity and freshness), drawn with ECharts from
// the API's own JSON. Each chart carries its numbers in data-values, so what is drawn can be checked against the API.
'use strict';

const months = () => document.getElementById('months').value;
const asOf = () => document.getElementById('as_of').value;
const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

const bar = (labels, values, name, horizontal = false) => ({
  tooltip: { trigger: 'axis' }, grid: { left: horizontal ? 110 : 55, right: 15, top: 25, bottom: 60 },
  [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: labels, axisLabel: { rotate: horizontal ? 0 : 40, fontSize: 10 }, inverse: horizontal },
  [horizontal ? 'xAxis' : 'yAxis']: { type: 'value' },
  series: [{ name, type: 'bar', data: values, itemStyle: { color: '#0b6bcb' } }],
});
const lines = (labels, series) => ({
  tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 55, right: 15, top: 30, bottom: 45 },
  xAxis: { type: 'category', data: labels, axisLabel: { rotate: 40, fontSize: 10 } }, yAxis: { type: 'value' },
  series: series.map((s) => ({ name: s.name, type: 'line', smooth: true, data: s.data })),
});
const pie = (entries) => ({
  tooltip: { trigger: 'item' }, legend: { bottom: 0 },
  series: [{ type: 'pie', radius: ['35%', '65%'], data: entries.map(([name, value]) => ({ name, value })) }],
});

const PANELS = [
  { id: 'users-by-state', title: 'Users by state', route: () => '/mysql/analytics/users',
    chart: (d) => ({ values: d.users_by_state.map((s) => [s.state, s.users]), option: (v) => bar(v.map((x) => x[0]), v.map((x) => x[1]), 'users') }) },
  { id: 'monthly-registrations', title: 'Monthly registrations', route: () => '/mysql/analytics/users',
    chart: (d) => ({ values: d.monthly_registrations.map((m) => [m.month, m.users]), option: (v) => lines(v.map((x) => x[0]), [{ name: 'users', data: v.map((x) => x[1]) }]) }) },
  { id: 'growth-by-state', title: 'New users, fastest states', route: () => `/mysql/analytics/growth-by-state?months=${months()}`,
    chart: (d) => {
      const top = d.by_state.slice(0, 5);
      return { values: top.map((s) => [s.state, s.new_users]), option: () => lines(d.monthly_growth.map((m) => m.month), top.map((s) => ({ name: s.state, data: s.months.map((m) => m.users) }))) };
    } },
  { id: 'policies-per-product', title: 'Policies per product', route: () => '/postgresql/analytics/products',
    chart: (d) => ({ values: d.policies_per_product.map((p) => [p.code, p.policies]), option: (v) => bar(v.map((x) => x[0]), v.map((x) => x[1]), 'policies') }) },
  { id: 'written-premium', title: 'Written premium per product', route: () => '/postgresql/analytics/product-profitability',
    chart: (d) => ({ values: d.products.map((p) => [p.code, p.written_premium]), option: (v) => bar(v.map((x) => x[0]), v.map((x) => x[1]), 'written premium') }) },
  { id: 'claims-by-status', title: 'Claims by status', route: () => '/cassandra/analytics/claims',
    chart: (d) => ({ values: d.claims_by_status.map((s) => [s.estado, s.claims]), option: (v) => pie(v) }) },
  { id: 'claims-by-month', title: 'Claims per month', route: () => '/cassandra/analytics/claims',
    chart: (d) => ({ values: d.monthly.map((m) => [m.month, m.claims]), option: (v) => bar(v.map((x) => x[0]), v.map((x) => x[1]), 'claims') }) },
  { id: 'claims-vs-payments', title: 'Claims vs processed payments (amount)', route: () => '/cassandra/analytics/claims-payments-correlation',
    chart: (d) => ({ values: d.monthly.map((m) => [m.month, m.claims_amount, m.payments_amount]),
      option: (v) => lines(v.map((x) => x[0]), [{ name: 'claims', data: v.map((x) => x[1]) }, { name: 'payments', data: v.map((x) => x[2]) }]),
      note: `approval rate ${d.claims.approval_rate_pct ?? '—'} %, cash loss ratio ${d.cash_loss_ratio_pct ?? '—'} %, r = ${d.correlation.amount_pearson ?? '—'}` }) },
  { id: 'loss-ratio', title: 'Loss ratio by product (%)', route: () => '/cross/analytics/claims-vs-policies',
    chart: (d) => ({ values: d.products.map((p) => [p.code, p.loss_ratio_pct]), option: (v) => bar(v.map((x) => x[0]), v.map((x) => x[1]), 'loss ratio %'),
      note: `best ${d.best ?? '—'}, worst ${d.worst ?? '—'}` }) },
  { id: 'agent-ranking', title: 'Top agents by written premium', route: () => '/cross/analytics/agent-performance?limit=10',
    chart: (d) => ({ values: d.agents.map((a) => [a.code, a.written_premium]), option: (v) => bar(v.map((x) => x[0]), v.map((x) => x[1]), 'written premium', true),
      note: `${d.summary.agents_with_sales} of ${d.summary.agents} agents sold (${d.summary.sales_penetration_pct ?? '—'} %)` }) },
  { id: 'customer-segments', title: 'Customer value segments', route: () => '/cross/analytics/customer-policy-profile',
    chart: (d) => ({ values: [['high', d.value_segments.high], ['medium', d.value_segments.medium], ['low', d.value_segments.low]], option: (v) => pie(v),
      note: `penetration ${d.summary.penetration_pct ?? '—'} %, p40 ${d.value_segments.p40 ?? '—'}, p80 ${d.value_segments.p80 ?? '—'}` }) },
  { id: 'references', title: 'Reference integrity', route: () => '/quality/references', withoutAsOf: true,
    table: (d) => ({ values: d.references.map((r) => [r.reference, r.matched, r.unmatched]), head: ['reference', 'matched', 'unmatched'] }) },
  { id: 'freshness', title: 'Freshness of each table', route: () => '/datasets', withoutAsOf: true,
    table: (d) => ({ values: d.datasets.map((t) => [t.name, t.rows, age(t.snapshot.age_seconds)]), head: ['table', 'rows', 'snapshot age'] }) },
];

function age(seconds) {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

function panel(p) {
  const section = document.createElement('section');
  section.id = p.id;
  section.innerHTML = `<h2></h2><div class="route"></div><div class="body"></div><div class="route note"></div>`;
  section.querySelector('h2').textContent = p.title;
  document.getElementById('panels').appendChild(section);
  return section;
}

async function fetchRoute(url, cache, signal) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url, { signal }).then(async (response) => {
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
      return body;
    }));
  }
  return cache.get(url);
}

function showError(section, message) {
  const body = section.querySelector('.body');
  body.innerHTML = '';
  const div = document.createElement('div');
  div.className = 'error';
  div.textContent = `Cannot show this panel: ${message}`;
  body.appendChild(div);
  section.dataset.state = 'error';
}

function drawTable(section, t) {
  const table = document.createElement('table');
  table.innerHTML = `<thead><tr>${t.head.map((h, i) => `<th class="${i ? 'num' : ''}">${h}</th>`).join('')}</tr></thead>`;
  const tbody = document.createElement('tbody');
  for (const row of t.values) {
    const tr = document.createElement('tr');
    row.forEach((cell, i) => {
      const td = document.createElement('td');
      td.textContent = typeof cell === 'number' ? money.format(cell) : cell;
      if (i) td.className = 'num';
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }
  table.appendChild(tbody);
  const body = section.querySelector('.body');
  body.innerHTML = '';
  body.appendChild(table);
}

/** The load in progress: a newer load (the as-of date submitted again) aborts it, and its late answers are dropped. */
let current = null;

async function render() {
  current?.abort();
  const load = new AbortController();
  current = load;
  const stale = () => current !== load;
  document.body.dataset.ready = 'false';
  const status = document.getElementById('status');
  status.textContent = 'loading…';
  const cache = new Map();
  const started = performance.now();
  const charts = window.__charts || (window.__charts = new Map());
  await Promise.all(PANELS.map(async (p) => {
    const section = document.getElementById(p.id) || panel(p);
    const url = p.withoutAsOf ? p.route() : `${p.route()}${p.route().includes('?') ? '&' : '?'}as_of=${asOf()}`;
    section.querySelector('.route').textContent = `GET ${url}`;
    try {
      const data = await fetchRoute(url, cache, load.signal);
      if (stale()) return;
      const spec = p.table ? p.table(data) : p.chart(data);
      section.dataset.values = JSON.stringify(spec.values);
      section.dataset.state = 'ok';
      section.querySelector('.note').textContent = spec.note || '';
      if (p.table) return drawTable(section, spec);
      const body = section.querySelector('.body');
      if (!body.querySelector('.chart')) { body.innerHTML = '<div class="chart"></div>'; charts.delete(p.id); }
      const chart = charts.get(p.id) || echarts.init(body.querySelector('.chart'));
      charts.set(p.id, chart);
      chart.setOption(spec.option(spec.values), true);
    } catch (error) {
      if (stale()) return;
      charts.get(p.id)?.dispose();
      charts.delete(p.id);
      showError(section, error.message);
    }
  }));
  if (stale()) return;
  const failed = PANELS.filter((p) => document.getElementById(p.id).dataset.state === 'error').length;
  status.textContent = failed ? `${failed} panel(s) could not be shown` : `loaded in ${Math.round(performance.now() - started)} ms`;
  document.getElementById('generated').textContent = new Date().toISOString();
  document.body.dataset.ready = 'true';
}

document.getElementById('as_of').value = new Date().toISOString().slice(0, 10);
document.getElementById('controls').addEventListener('submit', (event) => { event.preventDefault(); render(); });
window.addEventListener('resize', () => { for (const c of (window.__charts || new Map()).values()) c.resize(); });
render();
