// Shared by the pages with charts: the data comes as JSON in a script element; every chart is static
// (no animation) and follows the window's size. Each chart has its table beside it on the page.
window.GrassrootsCharts = {
  // Once the page has loaded, calls draw(data, source) with the JSON of #sourceId, if the page has it and ECharts loaded.
  onData: function (sourceId, draw) {
    document.addEventListener('DOMContentLoaded', function () {
      var source = document.getElementById(sourceId);
      if (!source || !window.echarts) {
        return;
      }
      draw(JSON.parse(source.textContent), source);
    });
  },
  // Draws the option into #id, if the page has that element.
  chart: function (id, option) {
    var el = document.getElementById(id);
    if (!el) {
      return;
    }
    var c = echarts.init(el);
    option.animation = false;
    c.setOption(option);
    window.addEventListener('resize', function () { c.resize(); });
  }
};
