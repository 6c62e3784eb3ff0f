// The dashboard's only script: progressive enhancement (select all, print, trend chart). Every page
// works without it; the CSP allows scripts from the collector itself only.
(() => {
  for (const toggle of document.querySelectorAll('[data-select-all]')) {
    toggle.addEventListener('change', () => {
      const form = toggle.form;
      if (!form) return;
      for (const box of form.querySelectorAll('input[name="ids"]')) box.checked = toggle.checked;
    });
  }

  for (const button of document.querySelectorAll('[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }

  const data = document.getElementById('trend-data');
  const target = document.getElementById('trend-chart');
  if (data && target && typeof window.uPlot === 'function') {
    const trend = JSON.parse(data.textContent || '{}');
    if (!trend.weeks || trend.weeks.length === 0 || trend.series.length === 0) return;
    // Colours told apart also by people with the common colour-vision deficiencies (Okabe–Ito).
    const colours = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00'];
    const xs = trend.weeks.map((week) => Date.parse(`${week}T00:00:00Z`) / 1000);
    // Dates in the page's language, not uPlot's built-in US style ("9/21"): 21.09. / 21 Sep. Weeks
    // start at UTC midnight, which is the same day in the dashboard's zone (format.ts).
    const german = trend.lang !== 'en';
    const tick = new Intl.DateTimeFormat(german ? 'de-DE' : 'en-GB', {
      timeZone: 'Europe/Berlin',
      day: german ? '2-digit' : 'numeric',
      month: german ? '2-digit' : 'short',
    });
    const day = new Intl.DateTimeFormat(german ? 'de-DE' : 'en-GB', {
      timeZone: 'Europe/Berlin',
      day: german ? '2-digit' : 'numeric',
      month: german ? '2-digit' : 'short',
      year: 'numeric',
    });
    // Change markers (issue #18): a dashed vertical line at each day, named in the list below the chart.
    const markers = (trend.markers || []).map((m) => ({
      x: Date.parse(`${m.day}T00:00:00Z`) / 1000,
      title: m.title,
    }));
    const drawMarkers = (u) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = '#444';
      ctx.fillStyle = '#222';
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 1.5 * window.devicePixelRatio;
      ctx.font = `${12 * window.devicePixelRatio}px sans-serif`;
      for (const marker of markers) {
        const x = u.valToPos(marker.x, 'x', true);
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.fillText(
          marker.title,
          x + 4 * window.devicePixelRatio,
          u.bbox.top + 12 * window.devicePixelRatio,
        );
      }
      ctx.restore();
    };
    const opts = {
      hooks: { draw: [drawMarkers] },
      width: Math.max(320, target.clientWidth || 800),
      height: 280,
      scales: { x: { time: true } },
      axes: [
        {
          // Ticks on the weeks the counts are for (Mondays), thinned to about a dozen, the newest kept.
          splits: () => {
            const step = Math.ceil(xs.length / 12);
            return xs.filter((_, i) => (xs.length - 1 - i) % step === 0);
          },
          values: (_u, splits) => splits.map((v) => (v == null ? '' : tick.format(new Date(v * 1000)))),
        },
        { label: trend.yLabel },
      ],
      series: [
        {
          label: trend.weekLabel,
          value: (_u, v) => (v == null ? '' : day.format(new Date(v * 1000))),
        },
        ...trend.series.map((s, i) => ({ label: s.label, stroke: colours[i % colours.length], width: 2 })),
      ],
    };
    const chart = new window.uPlot(opts, [xs, ...trend.series.map((s) => s.counts)], target);
    target.setAttribute('data-ready', 'true');
    window.addEventListener('resize', () =>
      chart.setSize({ width: Math.max(320, target.clientWidth), height: 280 }),
    );
  }
})();
