// The measures dashboard's charts: the data comes as JSON in #dashboard-data; every chart has its table beside it.
GrassrootsCharts.onData('dashboard-data', function (d) {
  var chart = GrassrootsCharts.chart;
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
  chart('chart-punctuality', {
    tooltip: { trigger: 'axis' }, legend: { data: d.punctualityNames }, color: ['#1a7f37', '#bf8700', '#cf222e'],
    grid: { left: 200 }, xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: d.punctualityUnits, inverse: true },
    series: d.punctualityNames.map(function (n, i) { return { name: n, type: 'bar', stack: 'all', data: d.punctualityCounts[i] }; })
  });
  chart('chart-targets', {
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + '%'; } },
    legend: { data: d.targetNames }, color: ['#8c959f', '#0969da'],
    xAxis: { type: 'category', data: d.targetLabels, axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: d.targetNames[0], type: 'bar', data: d.targetLabels.map(function () { return 100; }) },
      { name: d.targetNames[1], type: 'bar', data: d.targetShares }
    ]
  });
});
