// The survey analysis charts: one bar chart per question from the JSON in #survey-data; each has its table beside it.
// Every chart offers itself as a PNG (ECharts' saveAsImage), titled from the page's data-save-label.
GrassrootsCharts.onData('survey-data', function (questions, source) {
  questions.forEach(function (q) {
    if (q.counts.length === 0) {
      return;
    }
    GrassrootsCharts.chart(q.id, {
      tooltip: {}, grid: { left: 160 },
      toolbox: { feature: { saveAsImage: { title: source.dataset.saveLabel || 'PNG', name: q.id, pixelRatio: 2 } } },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: q.labels, inverse: true },
      series: [{ type: 'bar', data: q.counts, itemStyle: { color: '#c0392b' } }]
    });
  });
});
