// The measures dashboard's charts: the data comes as JSON in #dashboard-data; every chart has its table beside it.
document.addEventListener('DOMContentLoaded', function () {
  var source = document.getElementById('dashboard-data');
  if (!source || !window.echarts) {
    return;
  }
  var d = JSON.parse(source.textContent);
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) {
      return;
    }
    var c = echarts.init(el);
    option.animation = false;
    c.setOption(option);
    window.addEventListener('resize', function () { c.resize(); });
  }
  chart('chart-status', {
    tooltip: { trigger: 'item' },
    color: d.statusColours,
    series: [{ type: 'pie', radius: ['40%', '70%'], label: { formatter: '{b} {c}' },
      data: d.statusNames.map(function (n, i) { return { name: n, value: d.statusCounts[i] }; }) }]
  });
  chart('chart-kind', {
    tooltip: {}, xAxis: { type: 'category', data: d.kindNames }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: d.kindCounts, itemStyle: { color: '#57606a' } }]
  });
  chart('chart-unit', {
    tooltip: { trigger: 'axis' }, legend: { data: d.statusNames }, color: d.statusColours,
    grid: { left: 200 }, xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: d.units, inverse: true },
    series: d.statusNames.map(function (n, i) { return { name: n, type: 'bar', stack: 'all', data: d.unitCounts[i] }; })
  });
});
