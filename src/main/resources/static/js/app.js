// Watermark of the viewer's name and the time (等保: traceable screens), nav toggle, submit guard, region picker.
(function () {
  function watermark() {
    var text = document.body.getAttribute('data-watermark');
    if (!text) return;
    var canvas = document.createElement('canvas');
    canvas.width = 320; canvas.height = 180;
    var ctx = canvas.getContext('2d');
    ctx.rotate(-20 * Math.PI / 180);
    ctx.font = '14px "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif';
    ctx.fillStyle = 'rgba(0,0,0,0.045)';
    ctx.fillText(text, 10, 120);
    var layer = document.createElement('div');
    layer.className = 'gr-watermark';
    layer.setAttribute('aria-hidden', 'true');
    layer.style.backgroundImage = 'url(' + canvas.toDataURL() + ')';
    document.body.appendChild(layer);
  }
  document.addEventListener('DOMContentLoaded', function () {
    watermark();
    var toggle = document.querySelector('[data-toggle-nav]');
    if (toggle) {
      toggle.setAttribute('aria-controls', 'gr-nav');
      toggle.setAttribute('aria-expanded', 'false');
      toggle.addEventListener('click', function () {
        var open = document.getElementById('gr-nav').classList.toggle('open');
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      });
    }
    document.querySelectorAll('form').forEach(function (form) {
      form.addEventListener('submit', function () {
        form.querySelectorAll('[data-disable-on-submit]').forEach(function (b) { setTimeout(function () { b.disabled = true; }, 0); });
      });
    });
  });

  // Region picker (fragments :: regionPicker). The search box has no name, so the filter form
  // never carries it; its own request asks /regions/suggest for q.
  function picker(elt) { return elt && elt.closest ? elt.closest('[data-region-picker]') : null; }
  function closeSuggestions(box) {
    box.querySelector('.gr-suggestions').innerHTML = '';
  }
  function pick(button) {
    var box = picker(button);
    var field = document.getElementById(box.getAttribute('data-code-field'));
    field.value = button.getAttribute('data-code');
    box.querySelector('[data-region-search]').value = button.getAttribute('data-name');
    closeSuggestions(box);
    field.dispatchEvent(new Event('change', { bubbles: true }));
    field.focus();
  }
  document.addEventListener('htmx:configRequest', function (e) {
    var elt = e.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute('data-region-search')) e.detail.parameters['q'] = elt.value;
  });
  // typing in the search box is no change of the filters
  document.addEventListener('change', function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute('data-region-search')) e.stopPropagation();
  }, true);
  document.addEventListener('click', function (e) {
    var button = e.target.closest ? e.target.closest('[data-pick-region]') : null;
    if (button) { e.preventDefault(); pick(button); return; }
    document.querySelectorAll('[data-region-picker]').forEach(function (box) {
      if (!box.contains(e.target)) closeSuggestions(box);
    });
  });
  document.addEventListener('keydown', function (e) {
    if (!e.target.hasAttribute || !e.target.hasAttribute('data-region-search')) return;
    var box = picker(e.target);
    if (e.key === 'Enter') {
      // Enter picks the first match instead of submitting the filters
      e.preventDefault();
      var first = box.querySelector('[data-pick-region]');
      if (first) pick(first);
    } else if (e.key === 'Escape') {
      closeSuggestions(box);
    } else if (e.key === 'ArrowDown') {
      var option = box.querySelector('[data-pick-region]');
      if (option) { e.preventDefault(); option.focus(); }
    }
  });
})();
