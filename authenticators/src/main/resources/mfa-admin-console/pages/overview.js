// Overview: GET mfa/overview?days=N (view-events; coverage with view-users) as ECharts charts, each with its numbers
// as a table for screen readers. Method and reason names come from i18n/sign-ins.json (signIns.method.*, .reason.*).

const DAY_CHOICES = [7, 14, 30, 90];
let charts = [];
// each chart follows its own box (the card's width changes with the window, the nav, the grid's columns)
const sizes = typeof ResizeObserver === 'function'
  ? new ResizeObserver(entries => entries.forEach(e => charts.find(c => c.getDom() === e.target)?.resize()))
  : null;

function disposeCharts() {
  charts.forEach(c => {
    sizes?.unobserve(c.getDom());
    c.dispose();
  });
  charts = [];
}

if (!sizes) {
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));
}

export function methodName(t, method) {
  if (method === null || method === undefined) {
    return t('signIns.method.none');
  }
  const key = 'signIns.method.' + method;
  const text = t(key);
  return text === key ? method : text;
}

export function reasonName(t, reason) {
  if (!reason) {
    return '';
  }
  const key = 'signIns.reason.' + reason;
  const text = t(key);
  return text === key ? reason : text;
}

function number(ctx, n) {
  return new Intl.NumberFormat(ctx.lang).format(n);
}

function shortDay(ctx, day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(ctx.lang, { month: 'short', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** Every day of the answer's range, oldest first (days without events included). */
function allDays(data) {
  const days = [];
  const from = new Date(data.from);
  const to = new Date(data.to);
  for (let d = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); d <= to.getTime(); d += 86400000) {
    days.push(new Date(d).toISOString().slice(0, 10));
  }
  return days;
}

/** A card with a chart and the same numbers as a table that screen readers read (the chart is aria-hidden). */
function chartCard(ctx, id, title, { option, headers, rows, empty, extra }) {
  const { h } = ctx;
  const body = h('div', { class: 'pf-v5-c-card__body' });
  const card = h('div', { class: 'pf-v5-c-card mfa-overview-card', id: 'mfa-overview-' + id },
    h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-title pf-m-lg', text: title })), body);
  if (extra) {
    body.append(extra);
  }
  if (!rows.length) {
    body.append(h('p', { class: 'mfa-muted mfa-overview-empty', text: empty }));
    return card;
  }
  const chartDiv = h('div', { class: 'mfa-chart', 'aria-hidden': 'true' });
  body.append(chartDiv,
    h('table', { class: 'pf-v5-c-table pf-m-compact pf-v5-screen-reader mfa-overview-numbers', dataset: { chart: id } },
      h('caption', { text: title }),
      h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
        headers.map(text => h('th', { class: 'pf-v5-c-table__th', scope: 'col', text })))),
      h('tbody', { class: 'pf-v5-c-table__tbody' }, rows.map(cells => h('tr', { class: 'pf-v5-c-table__tr' },
        cells.map((text, i) => i === 0 ? h('th', { class: 'pf-v5-c-table__th', scope: 'row', text: String(text) })
          : h('td', { class: 'pf-v5-c-table__td', text: String(text) })))))));
  card.chart = () => {
    if (window.echarts) {
      const chart = window.echarts.init(chartDiv);
      // numbers on value axes as the page's language writes them (2.000 in Dutch)
      const localAxis = axis => (axis.type === 'value' ? { ...axis, axisLabel: { formatter: v => number(ctx, v) } } : axis);
      chart.setOption({ animation: false, textStyle: { fontFamily: 'RedHatText, Overpass, sans-serif' }, ...option,
        xAxis: localAxis(option.xAxis), yAxis: localAxis(option.yAxis) });
      charts.push(chart);
      sizes?.observe(chartDiv);
    }
  };
  return card;
}

function signInsCard(ctx, data) {
  const { t } = ctx;
  const days = allDays(data);
  const methods = [...new Set(data.days.filter(d => d.attempts > 0).map(d => d.method))];
  const cell = (day, method, field) => data.days.find(d => d.day === day && d.method === method)?.[field] || 0;
  const series = [];
  methods.forEach(method => {
    series.push({ name: t('overview.signIns.success', methodName(t, method)), type: 'bar', stack: method,
      data: days.map(day => cell(day, method, 'successes')) });
    series.push({ name: t('overview.signIns.failure', methodName(t, method)), type: 'bar', stack: method,
      data: days.map(day => cell(day, method, 'failures')) });
  });
  const rows = [];
  days.forEach(day => methods.forEach(method => {
    if (cell(day, method, 'attempts')) {
      rows.push([day, methodName(t, method), cell(day, method, 'successes'), cell(day, method, 'failures')]);
    }
  }));
  return chartCard(ctx, 'sign-ins', t('overview.signIns.title'), {
    option: {
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: days.map(d => shortDay(ctx, d)) }, yAxis: { type: 'value', minInterval: 1 },
      series,
    },
    headers: [t('overview.day'), t('overview.method'), t('overview.successes'), t('overview.failures')],
    rows, empty: t('overview.signIns.empty'),
  });
}

function messagesCard(ctx, data) {
  const { t, h } = ctx;
  const days = allDays(data);
  const channels = [...new Set(data.days.filter(d => d.messagesSent + d.messagesFailed + d.messagesRefused > 0)
    .map(d => d.method))];
  const sent = (day, channel) => data.days.find(d => d.day === day && d.method === channel)?.messagesSent || 0;
  const refused = day => data.days.filter(d => d.day === day).reduce((n, d) => n + d.messagesRefused, 0);
  const budget = data.messageBudget.realmHourlyLimit;
  const busiest = day => data.messageBudget.busiestHours.find(b => b.day === day)?.sent || 0;
  const peak = Math.max(0, ...data.messageBudget.busiestHours.map(b => b.sent));
  const series = channels.map(channel => ({ name: methodName(t, channel), type: 'bar', stack: 'sent',
    data: days.map(day => sent(day, channel)) }));
  // the hourly budget as a line where the axis reaches it (at half the budget or more it is drawn)
  series.push({ name: t('overview.messages.busiestHour'), type: 'line', data: days.map(busiest),
    markLine: peak * 2 >= budget ? { symbol: 'none', label: { formatter: t('overview.messages.budgetLine', number(ctx, budget)) },
      data: [{ yAxis: budget }] } : undefined });
  const rows = days.filter(day => channels.some(c => sent(day, c)) || refused(day)).map(day => [day,
    ...channels.map(c => sent(day, c)), busiest(day), refused(day)]);
  const summary = h('p', { class: 'mfa-overview-budget', id: 'mfa-overview-budget',
    text: t('overview.messages.budget', number(ctx, budget), number(ctx, peak),
      new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 1 }).format(peak * 100 / budget)) });
  return chartCard(ctx, 'messages', t('overview.messages.title'), {
    option: {
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: days.map(d => shortDay(ctx, d)) },
      yAxis: { type: 'value', minInterval: 1, max: peak * 2 >= budget ? v => Math.max(v.max, budget) : null },
      series,
    },
    headers: [t('overview.day'), ...channels.map(c => methodName(t, c)), t('overview.messages.busiestHour'),
      t('overview.messages.refused')],
    rows, empty: t('overview.messages.empty'), extra: summary,
  });
}

function coverageCard(ctx, data) {
  const { t, h } = ctx;
  const coverage = data.coverage;
  if (!coverage) {
    return h('div', { class: 'pf-v5-c-card mfa-overview-card', id: 'mfa-overview-coverage' },
      h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-title pf-m-lg', text: t('overview.coverage.title') })),
      h('div', { class: 'pf-v5-c-card__body' }, h('p', { class: 'mfa-muted', text: t('overview.coverage.needsViewUsers') })));
  }
  if (coverage.skipped) {
    return h('div', { class: 'pf-v5-c-card mfa-overview-card', id: 'mfa-overview-coverage' },
      h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-title pf-m-lg', text: t('overview.coverage.title') })),
      h('div', { class: 'pf-v5-c-card__body' }, h('p', { class: 'mfa-muted', text: coverage.skipped })));
  }
  const methods = Object.entries(coverage.byMethod).sort((a, b) => b[1] - a[1]);
  const credentialName = type => {
    const key = 'overview.credential.' + type;
    const text = t(key);
    return text === key ? type : text;
  };
  const share = coverage.users ? Math.round(coverage.withMethod * 100 / coverage.users) : 0;
  const extra = h('div', { class: 'mfa-stack' },
    h('p', { id: 'mfa-overview-with-method', text: t('overview.coverage.withMethod', number(ctx, coverage.withMethod),
      number(ctx, coverage.users), share) }),
    campaign(ctx, coverage));
  return chartCard(ctx, 'coverage', t('overview.coverage.title'), {
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: methods.map(([type]) => credentialName(type)) },
      series: [{ name: t('overview.coverage.users'), type: 'bar', data: methods.map(([, n]) => n),
        label: { show: true, position: 'right' } }],
    },
    headers: [t('overview.method'), t('overview.coverage.users')],
    rows: methods.map(([type, n]) => [credentialName(type), n]), empty: t('overview.coverage.empty'), extra,
  });
}

function campaign(ctx, coverage) {
  const { t, h } = ctx;
  if (!coverage.campaignGroups.length) {
    return h('p', { class: 'mfa-muted', id: 'mfa-overview-campaign', text: t('overview.campaign.none') });
  }
  const members = coverage.campaignMembers;
  const done = members - coverage.campaignWaiting;
  const percent = members ? Math.round(done * 100 / members) : 100;
  const bar = h('div', { class: 'pf-v5-c-progress__indicator' });
  bar.style.width = percent + '%';
  const label = t('overview.campaign.progress', number(ctx, done), number(ctx, members), coverage.campaignGroups.join(', '));
  return h('div', { class: 'pf-v5-c-progress', id: 'mfa-overview-campaign' },
    h('div', { class: 'pf-v5-c-progress__description', text: t('overview.campaign.title') }),
    h('div', { class: 'pf-v5-c-progress__status', 'aria-hidden': 'true' },
      h('span', { class: 'pf-v5-c-progress__measure', text: percent + '%' })),
    h('div', { class: 'pf-v5-c-progress__bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(percent), 'aria-valuetext': label }, bar),
    h('div', { class: 'pf-v5-c-progress__helper-text', text: label }));
}

function countCard(ctx, id, title, counts, nameOf, empty, extra) {
  const { t } = ctx;
  return chartCard(ctx, id, title, {
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: counts.map(c => nameOf(c.name)),
        axisLabel: { width: 160, overflow: 'truncate' } },
      series: [{ name: title, type: 'bar', data: counts.map(c => c.count), label: { show: true, position: 'right' } }],
    },
    headers: [t('overview.name'), t('overview.count')],
    rows: counts.map(c => [nameOf(c.name), c.count]), empty, extra,
  });
}

export default {
  id: 'overview',
  i18n: 'overview',
  titleKey: 'overview.title',
  visible: perms => perms.viewEvents,

  async render(main, ctx) {
    const { h, t } = ctx;
    disposeCharts();
    const saved = ctx.draft('overview').load() || {};
    const days = DAY_CHOICES.includes(saved.days) ? saved.days : 14;
    const select = h('select', { id: 'mfa-overview-days',
      onchange: () => {
        ctx.draft('overview').save({ days: Number(select.value) });
        this.render(main, ctx);
      } }, DAY_CHOICES.map(n => h('option', { value: String(n), selected: n === days, text: t('overview.lastDays', n) })));
    const status = h('p', { class: 'mfa-muted', id: 'mfa-overview-status', role: 'status', text: t('overview.loading') });
    main.replaceChildren(h('div', { class: 'mfa-toolbar' },
      h('div', { class: 'pf-v5-c-form__group' },
        h('label', { class: 'pf-v5-c-form__label', for: 'mfa-overview-days' },
          h('span', { class: 'pf-v5-c-form__label-text', text: t('overview.period') })),
        h('span', { class: 'pf-v5-c-form-control pf-m-select mfa-select' }, select))), status);
    let data;
    try {
      data = await ctx.api('mfa/overview', { query: { days, tz: Intl.DateTimeFormat().resolvedOptions().timeZone } });
    } catch (e) {
      status.replaceWith(h('div', { class: 'pf-v5-c-alert pf-m-inline pf-m-danger', role: 'alert' },
        h('p', { class: 'pf-v5-c-alert__title', text: t('overview.failed') }),
        h('div', { class: 'pf-v5-c-alert__description', text: e.description || e.message })));
      return;
    }
    const attempts = data.totals.reduce((n, m) => n + m.attempts, 0);
    const failures = data.totals.reduce((n, m) => n + m.failures, 0);
    const sent = data.totals.reduce((n, m) => n + m.messagesSent, 0);
    status.textContent = t('overview.summary', number(ctx, attempts), number(ctx, failures), number(ctx, sent),
      number(ctx, data.refusals.total));
    status.classList.remove('mfa-muted');
    status.id = 'mfa-overview-summary';
    const cards = [
      signInsCard(ctx, data),
      messagesCard(ctx, data),
      coverageCard(ctx, data),
      countCard(ctx, 'refusals', t('overview.refusals.title'), data.refusals.byPolicy,
        name => (name ? name : t('overview.refusals.noPolicy')), t('overview.refusals.empty'),
        h('p', { class: 'mfa-muted', text: t('overview.refusals.since', ctx.time(Date.parse(data.refusals.since))) })),
      countCard(ctx, 'reasons', t('overview.reasons.title'), data.failureReasons, name => reasonName(t, name),
        t('overview.reasons.empty')),
    ];
    const grid = h('div', { class: 'mfa-overview-grid' }, cards);
    main.append(grid);
    if (data.truncated) {
      main.prepend(h('div', { class: 'pf-v5-c-alert pf-m-inline pf-m-warning' },
        h('p', { class: 'pf-v5-c-alert__title', text: t('overview.truncated', number(ctx, data.eventsRead)) })));
    }
    cards.forEach(card => card.chart && card.chart());
  },
};
