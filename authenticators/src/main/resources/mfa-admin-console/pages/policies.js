// Conditional access: every policy of the flows bound to the realm or its clients, in words, with its problems and
// its impact over the last days; an edit form that saves through the server's checks; what-if as a form.
// REST: GET mfa/policies (view-realm), GET mfa/policies/{id}/impact (view-realm + view-events),
// PUT mfa/policies/{id} (manage-realm), POST mfa/what-if (view-users + view-realm).

const MULTI = ['include-users', 'exclude-users', 'include-groups', 'exclude-groups', 'include-roles', 'exclude-roles',
  'include-clients', 'exclude-clients', 'networks', 'excluded-networks', 'countries', 'excluded-countries'];
const RISKS = ['sign-in-risk', 'user-risk'];
const LEVELS = ['low', 'medium', 'high'];
const GRANTS = ['block', 'mfa', 'phishing-resistant', 'password-change', 'allow'];
const STATES = ['on', 'report-only', 'off'];
const CLIENT_TYPES = ['browser', 'direct-grant'];
const NUMBERS = ['sign-in-frequency', 'remember-device-days'];
const DAYS = [1, 7, 30];

export default {
  id: 'policies',
  i18n: 'policies',
  titleKey: 'nav.policies',
  visible: perms => perms.viewRealm,
  async render(main, ctx, params) {
    const rest = params.rest || [];
    if (rest[0] === 'edit' && rest[1]) {
      return renderForm(main, ctx, rest[1]);
    }
    return renderList(main, ctx);
  },
};

// ---------- words ----------

function list(values) {
  return values.join(', ');
}

function label(ctx, text, color, extra) {
  return ctx.h('span', { class: ['pf-v5-c-label', color ? 'pf-m-' + color : null, extra] },
    ctx.h('span', { class: 'pf-v5-c-label__content' }, ctx.h('span', { class: 'pf-v5-c-label__text', text })));
}

function stateLabel(ctx, row) {
  if (!row.configured) {
    return label(ctx, ctx.t('policies.state.unconfigured'), 'orange');
  }
  const color = { on: 'green', 'report-only': 'blue', off: null }[row.state];
  const labels = [label(ctx, ctx.t('policies.state.' + row.state), color)];
  if (!row.enabled) {
    labels.push(' ', label(ctx, ctx.t('policies.state.stepDisabled'), null));
  }
  return labels;
}

function grantText(ctx, grant) {
  return grant ? ctx.t('policies.grant.' + grant) : ctx.t('policies.grant.none');
}

function who(ctx, c) {
  const parts = [];
  const inc = [];
  if (c['include-users'].length) inc.push(ctx.t('policies.words.users', list(c['include-users'])));
  if (c['include-groups'].length) inc.push(ctx.t('policies.words.groups', list(c['include-groups'])));
  if (c['include-roles'].length) inc.push(ctx.t('policies.words.roles', list(c['include-roles'])));
  parts.push(inc.length ? inc.join('; ') : ctx.t('policies.words.everyone'));
  const exc = [];
  if (c['exclude-users'].length) exc.push(ctx.t('policies.words.users', list(c['exclude-users'])));
  if (c['exclude-groups'].length) exc.push(ctx.t('policies.words.groups', list(c['exclude-groups'])));
  if (c['exclude-roles'].length) exc.push(ctx.t('policies.words.roles', list(c['exclude-roles'])));
  if (exc.length) parts.push(ctx.t('policies.words.except', exc.join('; ')));
  return parts.join(' ');
}

function apps(ctx, c) {
  let text = c['include-clients'].length ? ctx.t('policies.words.onlyApps', list(c['include-clients']))
    : ctx.t('policies.words.allApps');
  if (c['exclude-clients'].length) text += ' ' + ctx.t('policies.words.except', list(c['exclude-clients']));
  return text;
}

function where(ctx, c) {
  let text = c.networks.length ? ctx.t('policies.words.from', list(c.networks)) : ctx.t('policies.words.anywhere');
  if (c['excluded-networks'].length) text += ' ' + ctx.t('policies.words.exceptFrom', list(c['excluded-networks']));
  if ((c.countries || []).length) text += ' · ' + ctx.t('policies.words.countries', list(c.countries));
  if ((c['excluded-countries'] || []).length) text += ' · ' + ctx.t('policies.words.exceptCountries', list(c['excluded-countries']));
  for (const risk of RISKS) {
    const level = (c[risk] || [])[0];
    if (level) text += ' · ' + ctx.t('policies.words.' + risk, ctx.t('policies.risk.' + level));
  }
  return text;
}

function clientTypes(ctx, c) {
  const types = c['client-types'].length ? c['client-types'] : CLIENT_TYPES;
  return list(types.map(type => ctx.t('policies.clientType.' + type)));
}

function frequency(ctx, hours) {
  return hours > 0 ? ctx.t('policies.frequency.hours', hours) : ctx.t('policies.frequency.signInOnly');
}

function remembered(ctx, days) {
  return days > 0 ? ctx.t('policies.remember.days', days) : ctx.t('policies.remember.never');
}

function fieldName(ctx, field) {
  return field ? ctx.t('policies.field.' + field) : ctx.t('policies.field.policy');
}

/** A problem in the reader's language; the server's English text when the code is unknown to this page. */
function problemText(ctx, p) {
  const key = 'policies.problem.' + p.code;
  const text = ctx.t(key, p.value ?? '');
  return text === key ? p.message : text;
}

function reachedFrom(ctx, row) {
  return list(row.reachedFrom.map(r => r.clientId
    ? ctx.t('policies.reach.client', r.flow, r.clientId, ctx.t('policies.binding.' + r.binding))
    : ctx.t('policies.reach.realm', r.flow, ctx.t('policies.binding.' + r.binding))));
}

function alertBox(ctx, kind, title, text) {
  return ctx.h('div', { class: ['pf-v5-c-alert', 'pf-m-inline', 'pf-m-' + kind], role: kind === 'danger' ? 'alert' : null },
    ctx.h('p', { class: 'pf-v5-c-alert__title', text: title }),
    text ? ctx.h('div', { class: 'pf-v5-c-alert__description' }, ctx.h('p', { text })) : null);
}

// ---------- the list ----------

async function renderList(main, ctx) {
  const h = ctx.h;
  const daysDraft = ctx.draft('policies:days');
  let days = (daysDraft.load() || {}).days || 7;
  const intro = h('p', { class: 'mfa-muted', text: ctx.t('policies.intro') });
  const tableHolder = h('div', { class: 'mfa-table-scroll' }, h('p', { class: 'mfa-loading-text', text: ctx.t('policies.loading') }));
  const toolbar = h('div', { class: 'mfa-toolbar' });
  main.replaceChildren(h('div', { class: 'mfa-stack' }, intro, toolbar, tableHolder));

  let rows;
  let loadImpacts = () => {};
  try {
    rows = await ctx.api('mfa/policies');
  } catch (e) {
    tableHolder.replaceChildren(alertBox(ctx, 'danger', ctx.t('policies.loadFailed'), e.description || e.message));
    return;
  }
  if (ctx.perms.viewEvents) {
    const select = h('select', { id: 'policies-days', onchange: () => {
      days = Number(select.value);
      daysDraft.save({ days });
      loadImpacts();
    } }, DAYS.map(d => h('option', { value: String(d), selected: d === days, text: ctx.t('policies.impact.lastDays', d) })));
    toolbar.append(h('div', { class: 'pf-v5-c-form__group' },
      h('label', { class: 'pf-v5-c-form__label', for: 'policies-days' }, h('span', { class: 'pf-v5-c-form__label-text', text: ctx.t('policies.impact.period') })),
      h('span', { class: 'pf-v5-c-form-control' }, select)));
  }
  const problemCount = rows.reduce((n, r) => n + r.problems.length, 0);
  if (problemCount) {
    intro.after(alertBox(ctx, 'danger', ctx.t('policies.problemsFound', rows.filter(r => r.problems.length).length),
      ctx.t('policies.problemsExplained')));
  }
  if (!rows.length) {
    tableHolder.replaceChildren(h('div', { class: 'pf-v5-c-empty-state' },
      h('div', { class: 'pf-v5-c-empty-state__content' },
        h('h2', { class: 'pf-v5-c-title pf-m-lg', text: ctx.t('policies.empty.title') }),
        h('div', { class: 'pf-v5-c-empty-state__body', text: ctx.t('policies.empty.body') }))));
  } else {
    const impactCells = new Map();
    const th = key => h('th', { class: 'pf-v5-c-table__th', scope: 'col', text: ctx.t(key) });
    const td = (key, ...children) => {
      const extra = children[0] && children[0].constructor === Object ? children.shift() : {};
      return h('td', { class: ['pf-v5-c-table__td', extra.class], 'data-label': ctx.t(key) }, ...children);
    };
    const body = h('tbody', { class: 'pf-v5-c-table__tbody' }, rows.map(row => {
      const c = row.conditions;
      const impact = h('div', { class: 'mfa-impact' }, row.configured && ctx.perms.viewEvents ? '…' : '—');
      if (row.configured && ctx.perms.viewEvents) impactCells.set(row.id, impact);
      return h('tr', { class: 'pf-v5-c-table__tr', dataset: { policy: row.name || '' } },
        td('policies.col.name', { class: 'mfa-col-name' }, h('strong', { text: row.name || ctx.t('policies.unnamed') }),
          h('div', { class: 'mfa-labels mfa-state' }, stateLabel(ctx, row)),
          h('div', { class: 'mfa-muted mfa-small', text: reachedFrom(ctx, row) }),
          ctx.perms.manageRealm && row.configured ? h('a', { class: 'pf-v5-c-button pf-m-secondary pf-m-small mfa-edit',
            href: '#/policies/edit/' + encodeURIComponent(row.id), 'aria-label': ctx.t('policies.editNamed', row.name),
            text: ctx.t('policies.edit') }) : null),
        td('policies.col.grant', { class: 'mfa-col-grant' }, row.configured ? grantText(ctx, row.grant) : '—'),
        td('policies.col.conditions', { class: 'mfa-col-conditions' }, row.configured ? h('dl', { class: 'mfa-conditions' },
          h('dt', { text: ctx.t('policies.col.who') }), h('dd', { text: who(ctx, c) }),
          h('dt', { text: ctx.t('policies.col.apps') }), h('dd', { text: apps(ctx, c) }),
          h('dt', { text: ctx.t('policies.col.where') }), h('dd', { text: where(ctx, c) }),
          h('dt', { text: ctx.t('policies.col.clientTypes') }), h('dd', { text: clientTypes(ctx, c) })) : ctx.t('policies.unconfiguredHelp')),
        td('policies.col.sessions', { class: 'mfa-col-sessions' }, row.configured ? h('dl', { class: 'mfa-conditions mfa-stacked' },
          h('dt', { text: ctx.t('policies.col.frequency') }), h('dd', { text: frequency(ctx, row.signInFrequencyHours) }),
          h('dt', { text: ctx.t('policies.col.remember') }), h('dd', { text: remembered(ctx, row.rememberDeviceDays) })) : '—'),
        td('policies.col.problems', { class: 'mfa-col-problems' }, row.problems.length
          ? h('div', { class: 'mfa-labels' }, row.problems.map(p => label(ctx, fieldName(ctx, p.field) + ': ' + problemText(ctx, p), 'red', 'mfa-problem')))
          : h('span', { class: 'mfa-muted', text: ctx.t('policies.noProblems') })),
        td('policies.col.impact', { class: 'mfa-col-impact' }, impact));
    }));
    const head = h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
      th('policies.col.name'), th('policies.col.grant'), th('policies.col.conditions'),
      th('policies.col.sessions'), th('policies.col.problems'), th('policies.col.impact')));
    tableHolder.replaceChildren(h('table', { class: 'pf-v5-c-table pf-m-grid-lg pf-m-compact mfa-policies-table', role: 'grid', id: 'policies-table',
      'aria-label': ctx.t('nav.policies') }, head, body));
    if (ctx.perms.viewEvents) {
      tableHolder.append(h('p', { class: 'mfa-muted mfa-small', text: ctx.t('policies.impact.limits') }));
    }

    loadImpacts = () => {
      for (const [id, cell] of impactCells) {
        cell.replaceChildren('…');
        ctx.api('mfa/policies/' + encodeURIComponent(id) + '/impact', { query: { days } })
          .then(impact => cell.replaceChildren(...impactView(ctx, impact)))
          .catch(e => cell.replaceChildren(h('span', { class: 'mfa-muted', text: e.description || e.message })));
      }
    };
    loadImpacts();
  }
  if (ctx.perms.viewUsers) {
    main.append(whatIf(ctx, rows));
  }
}

function impactView(ctx, impact) {
  const h = ctx.h;
  const parts = [h('div', { class: 'mfa-impact-counts', dataset: { blocked: impact.blocked, secondFactor: impact.secondFactor },
    text: ctx.t('policies.impact.counts', impact.blocked, impact.secondFactor, impact.allowed, impact.signIns) })];
  if (impact.users.length) {
    parts.push(h('div', { class: 'mfa-small', text: ctx.t('policies.impact.forWhom', list(impact.users.map(u =>
      ctx.t('policies.impact.user', u.username || u.userId.slice(0, 8) + '…', u.blocked + u.secondFactor + u.allowed)))) }));
  }
  if (impact.truncated) {
    parts.push(h('div', { class: 'mfa-muted mfa-small', text: ctx.t('policies.impact.truncated', impact.scanned) }));
  }
  if (impact.skipped) {
    parts.push(h('div', { class: 'mfa-muted mfa-small', text: ctx.t('policies.impact.skipped', impact.skipped) }));
  }
  return parts;
}

// ---------- the form ----------

function control(ctx, input) {
  return ctx.h('span', { class: 'pf-v5-c-form-control' }, input);
}

function group(ctx, field, labelKey, input, help) {
  const h = ctx.h;
  const error = h('div', { class: 'pf-v5-c-helper-text__item pf-m-error mfa-hidden', id: 'policy-error-' + field },
    h('span', { class: 'pf-v5-c-helper-text__item-text' }));
  return h('div', { class: 'pf-v5-c-form__group', dataset: { field } },
    h('div', { class: 'pf-v5-c-form__group-label' },
      h('label', { class: 'pf-v5-c-form__label', for: 'policy-field-' + field },
        h('span', { class: 'pf-v5-c-form__label-text', text: ctx.t(labelKey) }))),
    h('div', { class: 'pf-v5-c-form__group-control' }, input,
      h('div', { class: 'pf-v5-c-form__helper-text', 'aria-live': 'polite' },
        h('div', { class: 'pf-v5-c-helper-text' },
          help ? h('div', { class: 'pf-v5-c-helper-text__item' }, h('span', { class: 'pf-v5-c-helper-text__item-text', text: help })) : null,
          error))));
}

async function renderForm(main, ctx, id) {
  const h = ctx.h;
  const back = h('a', { href: '#/policies', class: 'pf-v5-c-button pf-m-link pf-m-inline', text: ctx.t('policies.back') });
  main.replaceChildren(back, h('p', { class: 'mfa-loading-text', text: ctx.t('policies.loading') }));
  if (!ctx.perms.manageRealm) {
    main.replaceChildren(back, alertBox(ctx, 'warning', ctx.t('policies.noEdit')));
    return;
  }
  let row;
  try {
    row = (await ctx.api('mfa/policies')).find(r => r.id === id);
  } catch (e) {
    main.replaceChildren(back, alertBox(ctx, 'danger', ctx.t('policies.loadFailed'), e.description || e.message));
    return;
  }
  if (!row) {
    main.replaceChildren(back, alertBox(ctx, 'danger', ctx.t('policies.notFound')));
    return;
  }
  const draft = ctx.draft('policy:' + id);
  const saved = draft.load();
  const values = saved || fromConfig(row.config);
  const inputs = {};
  const form = h('form', { class: 'pf-v5-c-form mfa-policy-form', id: 'policy-form', novalidate: true });
  const top = h('div');

  const select = (field, options, optionText) => {
    inputs[field] = h('select', { id: 'policy-field-' + field, name: field },
      options.map(o => h('option', { value: o, selected: values[field] === o, text: optionText(o) })));
    return control(ctx, inputs[field]);
  };
  const text = (field) => {
    inputs[field] = h('input', { id: 'policy-field-' + field, name: field, type: 'text', value: values[field] || '',
      autocomplete: 'off', spellcheck: 'false' });
    return control(ctx, inputs[field]);
  };
  const number = (field, max) => {
    inputs[field] = h('input', { id: 'policy-field-' + field, name: field, type: 'number', min: '0', max: String(max),
      step: '1', inputmode: 'numeric', value: values[field] ?? '' });
    return control(ctx, inputs[field]);
  };
  const typeBoxes = CLIENT_TYPES.map(type => h('div', { class: 'pf-v5-c-check' },
    h('input', { class: 'pf-v5-c-check__input', type: 'checkbox', id: 'policy-field-client-types-' + type, value: type,
      checked: (values['client-types'] || []).includes(type) }),
    h('label', { class: 'pf-v5-c-check__label', for: 'policy-field-client-types-' + type, text: ctx.t('policies.clientType.' + type) })));
  const typesGroup = group(ctx, 'client-types', 'policies.field.client-types',
    h('div', { role: 'group', id: 'policy-field-client-types' }, typeBoxes), ctx.t('policies.help.client-types'));

  form.append(
    h('h2', { class: 'pf-v5-c-title pf-m-xl', text: ctx.t('policies.editTitle', row.name) }),
    h('p', { class: 'mfa-muted', text: ctx.t('policies.editIntro') }),
    top,
    group(ctx, 'state', 'policies.field.state', select('state', STATES, s => ctx.t('policies.state.' + s))),
    group(ctx, 'grant', 'policies.field.grant', select('grant', [''].concat(GRANTS), g => g ? ctx.t('policies.grant.' + g) : ctx.t('policies.grant.choose')),
      ctx.t('policies.help.grant')),
    ...MULTI.map(field => group(ctx, field, 'policies.field.' + field, text(field), ctx.t('policies.help.' + field))),
    typesGroup,
    ...RISKS.map(field => group(ctx, field, 'policies.field.' + field,
      select(field, [''].concat(LEVELS), l => l ? ctx.t('policies.risk.' + l) : ctx.t('policies.risk.any')),
      ctx.t('policies.help.' + field))),
    group(ctx, 'sign-in-frequency', 'policies.field.sign-in-frequency', number('sign-in-frequency', 8760), ctx.t('policies.help.sign-in-frequency')),
    group(ctx, 'remember-device-days', 'policies.field.remember-device-days', number('remember-device-days', 365), ctx.t('policies.help.remember-device-days')),
    h('div', { class: 'pf-v5-c-form__group pf-m-action' }, h('div', { class: 'pf-v5-c-form__actions' },
      h('button', { class: 'pf-v5-c-button pf-m-primary', type: 'submit', id: 'policy-save', text: ctx.t('policies.save') }),
      h('a', { class: 'pf-v5-c-button pf-m-link', href: '#/policies', text: ctx.t('policies.cancel'),
        onclick: () => draft.clear() }))));
  if (saved) {
    top.append(alertBox(ctx, 'info', ctx.t('policies.draftRestored')));
  }

  const read = () => {
    const v = {};
    for (const [field, input] of Object.entries(inputs)) v[field] = input.value;
    v['client-types'] = typeBoxes.map(b => b.querySelector('input')).filter(b => b.checked).map(b => b.value);
    return v;
  };
  form.addEventListener('input', () => draft.save(read()));
  form.addEventListener('change', () => draft.save(read()));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form, top);
    const button = form.querySelector('#policy-save');
    button.disabled = true;
    try {
      await ctx.api('mfa/policies/' + encodeURIComponent(id), { method: 'PUT', body: toConfig(read()) });
      draft.clear();
      ctx.alert('success', ctx.t('policies.saved', row.name));
      ctx.navigate('#/policies');
    } catch (e) {
      if (e.status === 400 && e.body && Array.isArray(e.body.problems)) {
        showErrors(ctx, form, top, e.body.problems);
      } else if (e.status !== 401) {
        top.append(alertBox(ctx, 'danger', ctx.t('policies.saveFailed'), e.description || e.message));
      }
    } finally {
      button.disabled = false;
    }
  });
  main.replaceChildren(back, form);
}

function fromConfig(config) {
  const v = {};
  v.state = config.state || 'on';
  v.grant = config.grant || '';
  for (const field of MULTI) v[field] = split(config[field]).join(', ');
  v['client-types'] = split(config['client-types']);
  for (const field of RISKS) v[field] = config[field] || '';
  for (const field of NUMBERS) v[field] = config[field] ?? '';
  return v;
}

function split(raw) {
  return raw ? String(raw).split(/##|,|\n/).map(s => s.trim()).filter(Boolean) : [];
}

function toConfig(v) {
  const config = { state: v.state, grant: v.grant };
  for (const field of MULTI) {
    const values = split(v[field]);
    if (values.length) config[field] = values.join('##');
  }
  if (v['client-types'].length) config['client-types'] = v['client-types'].join('##');
  for (const field of RISKS) {
    if (v[field]) config[field] = v[field];
  }
  for (const field of NUMBERS) {
    if (String(v[field]).trim() !== '') config[field] = String(v[field]).trim();
  }
  return config;
}

function clearErrors(form, top) {
  for (const el of form.querySelectorAll('.pf-v5-c-helper-text__item.pf-m-error')) {
    el.classList.add('mfa-hidden');
    el.firstChild.textContent = '';
  }
  for (const el of form.querySelectorAll('.pf-v5-c-form-control.pf-m-error')) el.classList.remove('pf-m-error');
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of top.querySelectorAll('.pf-v5-c-alert.pf-m-danger')) el.remove();
}

function showErrors(ctx, form, top, problems) {
  const elsewhere = [];
  let first = null;
  for (const p of problems) {
    const error = p.field ? form.querySelector('#policy-error-' + CSS.escape(p.field)) : null;
    if (!error) {
      elsewhere.push(fieldName(ctx, p.field) + ': ' + problemText(ctx, p));
      continue;
    }
    const text = error.firstChild;
    text.textContent = (text.textContent ? text.textContent + ' ' : '') + problemText(ctx, p);
    error.classList.remove('mfa-hidden');
    const input = form.querySelector('#policy-field-' + CSS.escape(p.field));
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'policy-error-' + p.field);
      input.closest('.pf-v5-c-form-control')?.classList.add('pf-m-error');
      first = first || input;
    }
  }
  top.append(alertBox(ctx, 'danger', ctx.t('policies.refused', problems.length), elsewhere.join(' ') || null));
  (first || top).focus?.();
  if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
}

// ---------- what-if ----------

function whatIf(ctx, rows) {
  const h = ctx.h;
  const draft = ctx.draft('what-if');
  const values = draft.load() || { username: '', clientId: '', ipAddress: '', clientType: 'browser' };
  const field = (name, type, extra) => h('div', { class: 'pf-v5-c-form__group' },
    h('div', { class: 'pf-v5-c-form__group-label' }, h('label', { class: 'pf-v5-c-form__label', for: 'whatif-' + name },
      h('span', { class: 'pf-v5-c-form__label-text', text: ctx.t('policies.whatIf.' + name) }))),
    h('div', { class: 'pf-v5-c-form__group-control' }, control(ctx, extra || h('input', { id: 'whatif-' + name, name, type,
      value: values[name] || '', autocomplete: 'off', spellcheck: 'false', required: true }))));
  const typeSelect = h('select', { id: 'whatif-clientType', name: 'clientType' },
    CLIENT_TYPES.map(t => h('option', { value: t, selected: values.clientType === t, text: ctx.t('policies.clientType.' + t) })));
  const answer = h('div', { id: 'whatif-answer', 'aria-live': 'polite' });
  const form = h('form', { class: 'pf-v5-c-form mfa-whatif-form', id: 'whatif-form', novalidate: true },
    field('username', 'text'), field('clientId', 'text'), field('ipAddress', 'text'), field('clientType', null, typeSelect),
    h('div', { class: 'pf-v5-c-form__group pf-m-action' }, h('div', { class: 'pf-v5-c-form__actions' },
      h('button', { class: 'pf-v5-c-button pf-m-primary', type: 'submit', id: 'whatif-ask', text: ctx.t('policies.whatIf.ask') }))));
  const read = () => Object.fromEntries(['username', 'clientId', 'ipAddress', 'clientType']
    .map(n => [n, form.querySelector('#whatif-' + n).value.trim()]));
  form.addEventListener('input', () => draft.save(read()));
  form.addEventListener('change', () => draft.save(read()));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    answer.replaceChildren(h('p', { class: 'mfa-loading-text', text: '…' }));
    try {
      const a = await ctx.api('mfa/what-if', { method: 'POST', body: read() });
      answer.replaceChildren(whatIfAnswer(ctx, a, rows));
    } catch (e) {
      if (e.status !== 401) {
        answer.replaceChildren(alertBox(ctx, 'danger', ctx.t('policies.whatIf.failed'), e.description || e.message));
      }
    }
  });
  return h('div', { class: 'pf-v5-c-card mfa-whatif' },
    h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-title pf-m-lg', id: 'whatif-title', text: ctx.t('policies.whatIf.title') })),
    h('div', { class: 'pf-v5-c-card__body mfa-stack' }, h('p', { class: 'mfa-muted', text: ctx.t('policies.whatIf.intro') }), form, answer));
}

function whatIfAnswer(ctx, a, rows) {
  const h = ctx.h;
  // what-if names problems in English; the list knows them by field and kind, so they can be said in ctx.lang
  const known = new Map(rows.flatMap(r => r.problems).map(p => [p.message, p]));
  const say = text => known.has(text) ? fieldName(ctx, known.get(text).field) + ': ' + problemText(ctx, known.get(text)) : text;
  const kind = a.grant === 'block' ? 'danger' : a.grant === 'none' || a.grant === 'allow' ? 'success' : 'info';
  const headline = ctx.t('policies.whatIf.decision.' + a.grant);
  const details = [ctx.t('policies.whatIf.context', a.username, a.clientId, a.ipAddress,
    ctx.t('policies.clientType.' + a.clientType), a.flow)];
  if (a.decidingPolicies.length) details.push(ctx.t('policies.whatIf.deciding', list(a.decidingPolicies)));
  if (a.grant === 'mfa' || a.grant === 'phishing-resistant') {
    details.push(frequency(ctx, a.signInFrequencyHours) + ' · ' + ctx.t('policies.col.remember') + ': ' + remembered(ctx, a.rememberDeviceDays));
  }
  if (a.passwordChange) details.push(ctx.t('policies.whatIf.passwordChange'));
  const items = a.evaluations.map(e => {
    let text;
    if (e.applies) {
      text = ctx.t(e.state === 'report-only' ? 'policies.whatIf.wouldApply' : 'policies.whatIf.applies', e.name, grantText(ctx, e.demand));
    } else {
      text = ctx.t('policies.whatIf.notApplies', e.name, ctx.t('policies.unmet.' + e.unmetCondition));
    }
    return h('li', { dataset: { policy: e.name, applies: String(e.applies) } }, text,
      e.problems.length ? h('div', { class: 'mfa-labels' }, e.problems.map(p => label(ctx, say(p), 'red', 'mfa-problem'))) : null);
  });
  return h('div', { class: 'mfa-stack', dataset: { grant: a.grant } },
    h('div', { class: ['pf-v5-c-alert', 'pf-m-inline', 'pf-m-' + kind] },
      h('p', { class: 'pf-v5-c-alert__title', id: 'whatif-decision', text: headline }),
      h('div', { class: 'pf-v5-c-alert__description' }, details.map(d => h('p', { text: d })))),
    items.length ? h('ul', { class: 'pf-v5-c-list', id: 'whatif-evaluations' }, items) : null);
}
