// Draws each pain-over-time canvas (data-series JSON: site, points [{x: epoch ms, y: 0-10}], baseline, target).
(function () {
  function day(ms) {
    return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  }
  function draw(canvas) {
    if (canvas.dataset.drawn || typeof Chart === 'undefined') return;
    var series = JSON.parse(canvas.dataset.series);
    var xs = series.points.map(function (p) { return p.x; });
    var first = Math.min.apply(null, xs), last = Math.max.apply(null, xs);
    var week = 7 * 24 * 3600 * 1000;
    if (last - first < week) { first -= week; last += week; } // a single score still gets a readable time axis
    var datasets = [{ label: 'Pain score', data: series.points, borderColor: '#0b5cad', backgroundColor: '#0b5cad', tension: 0.2 }];
    if (series.baseline !== undefined) {
      datasets.push({ label: 'Baseline', data: [{ x: first, y: series.baseline }, { x: last, y: series.baseline }],
        borderColor: '#4a5563', borderDash: [6, 4], pointRadius: 0 });
      datasets.push({ label: '30 % improvement', data: [{ x: first, y: series.target }, { x: last, y: series.target }],
        borderColor: '#1d6b34', borderDash: [2, 3], pointRadius: 0 });
    }
    new Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false,
        parsing: false,
        scales: {
          x: { type: 'linear', min: first, max: last, ticks: { callback: function (v) { return day(v); }, maxTicksLimit: 6 } },
          y: { min: 0, max: 10, ticks: { stepSize: 2 } }
        },
        plugins: { tooltip: { callbacks: { title: function (items) { return day(items[0].parsed.x); } } } }
      }
    });
    canvas.dataset.drawn = 'true';
  }
  function drawAll() { document.querySelectorAll('canvas.pain-chart').forEach(draw); }
  document.addEventListener('DOMContentLoaded', drawAll);
  document.addEventListener('htmx:load', drawAll);
})();
