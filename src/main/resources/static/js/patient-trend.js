// Draws the patient's own trend (canvas.trend-chart, data-series JSON: series [{label, points [{x: epoch ms, y}],
// goal, goalLabel}]): PEG and worst pain, 0-10, each with its goal as a dashed line. Lines differ by
// colour and by point shape, so they read without colour too; the page says the same in words.
(function () {
  var STYLES = [
    { color: '#0b5cad', point: 'circle' },
    { color: '#a4161a', point: 'triangle' }
  ];
  function day(ms) {
    return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  }
  function draw(canvas) {
    if (canvas.dataset.drawn || typeof Chart === 'undefined') return;
    var data = JSON.parse(canvas.dataset.series);
    var xs = [];
    data.series.forEach(function (s) { s.points.forEach(function (p) { xs.push(p.x); }); });
    if (xs.length === 0) return;
    var first = Math.min.apply(null, xs), last = Math.max.apply(null, xs);
    var week = 7 * 24 * 3600 * 1000;
    if (last - first < week) { first -= week; last += week; } // a single score still gets a readable time axis
    var datasets = [];
    data.series.forEach(function (s, i) {
      var style = STYLES[i % STYLES.length];
      if (s.points.length > 0) {
        datasets.push({ label: s.label, data: s.points, borderColor: style.color, backgroundColor: style.color,
          pointStyle: style.point, pointRadius: 5, borderWidth: 3, tension: 0.2 });
      }
      if (s.goal !== undefined) {
        datasets.push({ label: s.goalLabel, data: [{ x: first, y: s.goal }, { x: last, y: s.goal }],
          borderColor: style.color, borderDash: [8, 6], borderWidth: 2, pointRadius: 0, pointStyle: 'line' });
      }
    });
    new Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false,
        parsing: false,
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', min: first, max: last, ticks: { callback: function (v) { return day(v); }, maxTicksLimit: 5, font: { size: 14 } } },
          y: { min: 0, max: 10, ticks: { stepSize: 2, font: { size: 14 } }, title: { display: true, text: '0 = none, 10 = worst', font: { size: 14 } } }
        },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 28, font: { size: 14 }, color: '#1b1f24' } },
          tooltip: { callbacks: { title: function (items) { return day(items[0].parsed.x); } } }
        }
      }
    });
    canvas.dataset.drawn = 'true';
  }
  function drawAll() { document.querySelectorAll('canvas.trend-chart').forEach(draw); }
  document.addEventListener('DOMContentLoaded', drawAll);
  if (document.readyState !== 'loading') drawAll();
})();
