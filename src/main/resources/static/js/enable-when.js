// Shows and hides questionnaire items as the patient answers (FHIR enableWhen). The server decides
// again on submit, so this only spares the patient questions that do not apply.
// Items carry data-enable-when='[{"question":linkId,"operator":"=","answer":"system|code","numeric":false}]'
// and data-enable-behavior="all|any"; a hidden item's controls are disabled, so they are neither
// required by the browser nor sent.
(function () {
  'use strict';

  function answers(form, linkId) {
    return Array.prototype.filter.call(form.elements, function (c) {
      return c.name === linkId && !c.disabled;
    }).map(function (c) {
      if (c.type === 'radio' || c.type === 'checkbox') {
        return c.checked ? c.value : c.getAttribute('data-unticked'); // an unticked yes/no box means no
      }
      return c.value.trim();
    }).filter(function (v) { return v !== null && v !== ''; });
  }

  function holds(condition, values) {
    if (condition.operator === 'exists') return (values.length > 0) === (condition.answer === 'true');
    return values.some(function (v) {
      var a = condition.numeric ? parseFloat(v.replace(',', '.')) : v;
      var b = condition.numeric ? parseFloat(condition.answer) : condition.answer;
      if (condition.numeric && isNaN(a)) return false;
      switch (condition.operator) {
        case '=': return a === b;
        case '!=': return a !== b;
        case '>': return a > b;
        case '<': return a < b;
        case '>=': return a >= b;
        case '<=': return a <= b;
        default: return false;
      }
    });
  }

  function update(form) {
    // hiding one item can hide another that depends on it: repeat until nothing changes
    for (var round = 0, changed = true; changed && round < 10; round++) {
      changed = false;
      form.querySelectorAll('[data-enable-when]').forEach(function (item) {
        var conditions = JSON.parse(item.getAttribute('data-enable-when'));
        var test = function (c) { return holds(c, answers(form, c.question)); };
        var show = item.getAttribute('data-enable-behavior') === 'any' ? conditions.some(test) : conditions.every(test);
        if (item.hidden === show) { item.hidden = !show; changed = true; }
      });
      form.querySelectorAll('.questionnaire input, .questionnaire select, .questionnaire textarea').forEach(function (c) {
        c.disabled = c.closest('[data-enable-when][hidden]') !== null;
      });
    }
  }

  function updateAll(root) {
    (root || document).querySelectorAll('form').forEach(function (form) {
      if (form.querySelector('[data-enable-when]')) update(form);
    });
  }

  ['change', 'input'].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var form = e.target.form || (e.target.closest && e.target.closest('form'));
      if (form && form.querySelector('[data-enable-when]')) update(form);
    });
  });
  document.addEventListener('DOMContentLoaded', function () { updateAll(document); });
  document.addEventListener('htmx:load', function () { updateAll(document); }); // forms swapped in by htmx
  if (document.readyState !== 'loading') updateAll(document);
})();
