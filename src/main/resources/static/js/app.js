// Watermark of the viewer's name and the time (等保: traceable screens), nav toggle, submit guard.
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
    if (toggle) toggle.addEventListener('click', function () { document.getElementById('gr-nav').classList.toggle('open'); });
    document.querySelectorAll('form').forEach(function (form) {
      form.addEventListener('submit', function () {
        form.querySelectorAll('[data-disable-on-submit]').forEach(function (b) { setTimeout(function () { b.disabled = true; }, 0); });
      });
    });
  });
})();
