// Answering on a phone: one section at a time, skip logic and choice filters applied as the
// respondent goes (the server applies them again), answers saved as a draft after each change,
// and the submission with its receipt. No library: the page must load fast on a weak connection.
(function () {
  'use strict';

  function evaluate(e, a) {
    switch (e.t) {
      case 'or': return e.p.some(function (x) { return evaluate(x, a); });
      case 'and': return e.p.every(function (x) { return evaluate(x, a); });
      case 'not': return !evaluate(e.p, a);
      case 'sel': {
        var v = a[e.q];
        return Array.isArray(v) ? v.indexOf(e.v) >= 0 : v !== undefined && String(v) === e.v;
      }
      case 'cmp': {
        var w = a[e.q];
        if (Array.isArray(w)) { w = w.join(' '); }
        var c;
        if (e.n !== null && e.n !== undefined) {
          if (w === undefined || w === '' || isNaN(Number(w))) { return e.op === '!='; }
          c = Number(w) < e.n ? -1 : Number(w) > e.n ? 1 : 0;
        } else {
          var s = w === undefined ? '' : String(w);
          c = s < e.s ? -1 : s > e.s ? 1 : 0;
        }
        switch (e.op) {
          case '=': return c === 0;
          case '!=': return c !== 0;
          case '<': return c < 0;
          case '<=': return c <= 0;
          case '>': return c > 0;
          default: return c >= 0;
        }
      }
    }
    return true;
  }

  function parse(el) {
    var t = el.getAttribute('data-relevant');
    return t ? JSON.parse(t) : null;
  }

  function start() {
    var form = document.getElementById('ans-start');
    if (!form) { return; }
    var role = document.getElementById('ans-role');
    var region = document.getElementById('ans-region');
    var error = document.getElementById('ans-start-error');
    var remembered = localStorage.getItem('gr-open-' + form.dataset.key);
    if (remembered) { location.href = remembered; return; }
    function filter() {
      Array.prototype.forEach.call(region.options, function (o) {
        if (o.value) { o.hidden = o.dataset.role !== role.value; }
      });
      if (region.selectedOptions[0] && region.selectedOptions[0].hidden) { region.value = ''; }
    }
    role.addEventListener('change', filter);
    filter();
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      error.hidden = true;
      fetch(form.dataset.url, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify({ role: role.value, region: region.value })
      }).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { throw body; }
          localStorage.setItem('gr-open-' + form.dataset.key, body.url);
          location.href = body.url;
        });
      }).catch(function (p) {
        error.textContent = p && (p.errors && p.errors.length ? p.errors[0].message : p.detail) || form.dataset.msgNetwork;
        error.hidden = false;
      });
    });
  }

  // A region question: a cascade of selects over the division-code field. Picking a level writes its
  // code into the field (the answer) and fetches the next level as a fragment; typing a code clears the
  // picks. Without this script the field is still there to type a code into.
  function regionPickers(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.ans-region'), function (box) {
      var input = box.closest('.ans-q').querySelector('.ans-region-code');
      if (!box.querySelector('select')) { return; }
      box.hidden = false;
      box.addEventListener('change', function (ev) {
        var sel = ev.target;
        if (sel.tagName !== 'SELECT') { return; }
        while (sel.nextElementSibling) { box.removeChild(sel.nextElementSibling); }
        var up = sel.previousElementSibling;
        input.value = sel.value || (up ? up.value : '');
        var opt = sel.selectedOptions[0];
        if (!sel.value || !opt || opt.dataset.leaf === 'true') { return; }
        var code = sel.value;
        box.setAttribute('aria-busy', 'true');
        fetch(box.dataset.url + '?parent=' + encodeURIComponent(code), { headers: { 'Accept': 'text/html' } })
          .then(function (r) { return r.ok ? r.text() : ''; })
          .then(function (html) {
            box.removeAttribute('aria-busy');
            if (html.trim() && sel.value === code && !sel.nextElementSibling) { box.insertAdjacentHTML('beforeend', html); }
          })
          .catch(function () { box.removeAttribute('aria-busy'); });
      });
      input.addEventListener('input', function () {
        var first = box.querySelector('select');
        while (first.nextElementSibling) { box.removeChild(first.nextElementSibling); }
        first.value = '';
      });
    });
  }

  function answering() {
    var form = document.getElementById('ans-form');
    if (!form) { return; }
    var d = form.dataset;
    var sections = Array.prototype.slice.call(form.querySelectorAll('.ans-section'));
    var questions = Array.prototype.slice.call(form.querySelectorAll('.ans-q'));
    var current = 0;
    var saved = document.getElementById('ans-saved');
    var formError = document.getElementById('ans-form-error');
    var prev = document.getElementById('ans-prev');
    var next = document.getElementById('ans-next');
    var submit = document.getElementById('ans-submit');
    var rel = new Map();
    sections.concat(questions).forEach(function (el) { rel.set(el, parse(el)); });
    var place = 'gr-answer-section-' + d.token;
    regionPickers(form);

    function raw(q) {
      var type = q.dataset.type;
      var name = q.dataset.name;
      if (type === 'SINGLE' || type === 'SCALE') {
        var c = q.querySelector('input[name="' + name + '"]:checked');
        return c ? c.value : undefined;
      }
      if (type === 'MULTIPLE') {
        var v = Array.prototype.map.call(q.querySelectorAll('input:checked'), function (i) { return i.value; });
        return v.length ? v : undefined;
      }
      if (type === 'RANKING') {
        var r = Array.prototype.map.call(q.querySelectorAll('select'), function (s) { return s.value; })
          .filter(function (x) { return x; });
        return r.length ? r : undefined;
      }
      var input = q.querySelector('[name="' + name + '"]');
      var t = input.value.trim();
      return t === '' ? undefined : t;
    }

    // Which questions are shown, in order, each seeing the answers of the shown ones before it (as the server does).
    function state() {
      var values = {};
      var shown = new Set();
      sections.forEach(function (s) {
        var sectionRule = rel.get(s);
        s.querySelectorAll('.ans-q').forEach(function (q) {
          var rule = rel.get(q);
          var visible = (!sectionRule || evaluate(sectionRule, values)) && (!rule || evaluate(rule, values));
          if (visible) {
            applyFilter(q, values);
            shown.add(q);
            var v = raw(q);
            if (v !== undefined) { values[q.dataset.name] = v; }
          }
        });
      });
      return { values: values, shown: shown };
    }

    function applyFilter(q, values) {
      var parent = q.dataset.filter;
      if (!parent) { return; }
      var pv = values[parent];
      q.querySelectorAll('[data-parent]').forEach(function (el) {
        var ok = pv !== undefined && el.dataset.parent === String(pv);
        el.hidden = !ok;
        if (!ok) {
          var input = el.tagName === 'OPTION' ? null : el.querySelector('input');
          if (input && input.checked) { input.checked = false; }
          if (el.tagName === 'OPTION' && el.selected) { el.parentNode.value = ''; }
        }
      });
    }

    function visibleSections(st) {
      return sections.filter(function (s) {
        return Array.prototype.some.call(s.querySelectorAll('.ans-q'), function (q) { return st.shown.has(q); });
      });
    }

    function render() {
      var st = state();
      questions.forEach(function (q) { q.hidden = !st.shown.has(q); });
      var list = visibleSections(st);
      if (current >= list.length) { current = Math.max(0, list.length - 1); }
      sections.forEach(function (s) { s.hidden = s !== list[current]; });
      prev.hidden = current === 0;
      next.hidden = current >= list.length - 1;
      submit.hidden = current < list.length - 1;
      var done = Array.prototype.filter.call(questions, function (q) { return st.shown.has(q) && st.values[q.dataset.name] !== undefined; }).length;
      document.getElementById('ans-progress-bar').style.width = (st.shown.size ? Math.round(100 * done / st.shown.size) : 0) + '%';
      document.getElementById('ans-progress-text').textContent =
        d.msgProgress.replace('{0}', String(current + 1)).replace('{1}', String(list.length));
      return st;
    }

    function showError(q, text) {
      var p = q.querySelector('.ans-error');
      p.textContent = text || '';
      p.hidden = !text;
      q.classList.toggle('ans-invalid', !!text);
    }

    function checkSection(st) {
      var list = visibleSections(st);
      var ok = true;
      list[current].querySelectorAll('.ans-q').forEach(function (q) {
        var missing = st.shown.has(q) && q.dataset.required === 'true' && st.values[q.dataset.name] === undefined;
        showError(q, missing ? d.msgRequired : '');
        if (missing && ok) { ok = false; q.scrollIntoView({ block: 'center' }); }
      });
      return ok;
    }

    function answers(st) {
      var out = {};
      Object.keys(st.values).forEach(function (k) {
        var v = st.values[k];
        out[k] = Array.isArray(v) ? v.join(' ') : v;
      });
      return out;
    }

    var timer = null;
    var pending = false;
    function saveSoon() {
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(save, 600);
    }
    function save() {
      if (!pending) { return Promise.resolve(); }
      pending = false;
      saved.textContent = d.msgSaving;
      return fetch(d.draftUrl, {
        method: 'PUT', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ answers: answers(state()) })
      }).then(function (r) {
        saved.textContent = r.ok ? d.msgSaved : d.msgSaveFailed;
        saved.dataset.state = r.ok ? 'saved' : 'failed';
        if (!r.ok) { pending = true; }
      }).catch(function () {
        saved.textContent = d.msgSaveFailed;
        saved.dataset.state = 'failed';
        pending = true;
        timer = setTimeout(save, 5000);
      });
    }

    form.addEventListener('change', function (ev) {
      var q = ev.target.closest('.ans-q');
      if (q) { showError(q, ''); }
      render();
      saveSoon();
    });
    form.addEventListener('input', function (ev) {
      if (ev.target.tagName === 'TEXTAREA' || ev.target.type === 'text') { saveSoon(); }
    });
    prev.addEventListener('click', function () {
      current = Math.max(0, current - 1);
      sessionStorage.setItem(place, String(current));
      render();
      window.scrollTo(0, 0);
    });
    next.addEventListener('click', function () {
      var st = render();
      if (!checkSection(st)) { return; }
      current++;
      sessionStorage.setItem(place, String(current));
      render();
      window.scrollTo(0, 0);
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var st = render();
      if (!checkSection(st)) { return; }
      clearTimeout(timer);
      submit.disabled = true;
      formError.hidden = true;
      saved.textContent = d.msgSending;
      fetch(d.submitUrl, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify({ answers: answers(st) })
      }).then(function (r) {
        return r.json().then(function (body) {
          if (r.ok) {
            form.hidden = true;
            document.getElementById('ans-receipt').textContent = body.receipt;
            document.getElementById('ans-done').hidden = false;
            sessionStorage.removeItem(place);
            window.scrollTo(0, 0);
            return;
          }
          submit.disabled = false;
          saved.textContent = '';
          var errors = body.errors || [];
          var first = null;
          errors.forEach(function (e) {
            var q = document.getElementById('q-' + e.field);
            if (q) { showError(q, e.message); first = first || q; }
          });
          formError.textContent = errors.length ? d.msgFix : (body.detail || d.msgNetwork);
          formError.hidden = false;
          if (first) {
            var list = visibleSections(state());
            var at = list.indexOf(first.closest('.ans-section'));
            if (at >= 0) { current = at; render(); first.scrollIntoView({ block: 'center' }); }
          }
        });
      }).catch(function () {
        submit.disabled = false;
        formError.textContent = d.msgNetwork;
        formError.hidden = false;
      });
    });
    var remembered = Number(sessionStorage.getItem(place) || '0');
    current = isNaN(remembered) ? 0 : remembered;
    render();
    form.classList.add('ans-ready');
  }

  document.addEventListener('DOMContentLoaded', function () {
    start();
    answering();
  });
})();
