// The training dashboard's charts, one bar per classroom; the same figures are in the table below them.
GrassrootsCharts.onData('dashboard-data', function (d) {
  var chart = GrassrootsCharts.chart;
  function bars(id, series, max) {
    chart(id, {
      tooltip: { trigger: 'axis' }, legend: { data: series.map(function (s) { return s.name; }) },
      grid: { left: 48, bottom: 80 },
      xAxis: { type: 'category', data: d.names, axisLabel: { rotate: 40, interval: 0 } },
      yAxis: { type: 'value', max: max },
      series: series.map(function (s) { return { name: s.name, type: 'bar', stack: s.stack, data: s.data }; })
    });
  }
  bars('chart-enrolment', [{ name: d.labels.confirmed, data: d.confirmed, stack: 'e' }, { name: d.labels.pending, data: d.pending, stack: 'e' }]);
  bars('chart-attendance', [{ name: d.labels.attendance, data: d.attendance }], 100);
  bars('chart-leave', [{ name: d.labels.leave, data: d.leave }]);
  bars('chart-gain', [{ name: d.labels.hake, data: d.hake }]);
});
