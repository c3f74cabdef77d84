extension MeetingPage {
    /// The whole document: inline styles for screen and for the A4 meeting pack, and one small
    /// inline script (sorting, finding, the match tester, printing). Nothing is fetched.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)<script>
        \(script)
        </script>
        </body>
        </html>

        """
    }

    static let style = """
        :root { --ink: #1d1d1f; --muted: #555; --line: #d0d0d0; --bar: #3b6ea8; --ok: #1b6e2a; --no: #a3231b; --part: #8a5300; }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 1.5rem auto; max-width: 78rem; padding: 0 1rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.3rem; margin: 1.6rem 0 .6rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 1.1rem 0 .4rem; }
        .meta, .note { color: var(--muted); font-size: .92rem; max-width: 60rem; }
        .lead { font-size: 1.1rem; } .bound { font-weight: 600; }
        .toolbar { position: sticky; top: 0; z-index: 2; background: #f4f6f9; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .7rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
        .toolbar input, .toolbar select, .toolbar button, .tester select { font: inherit; padding: .2rem .4rem; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; font-size: .9rem; margin: .3rem 0; }
        th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #eef1f5; }
        caption { text-align: left; font-weight: 600; padding: .2rem 0; }
        table.summary td { text-align: right; } table.summary td:last-child { text-align: left; }
        .good { color: var(--ok); } .worse { color: var(--no); }
        .ok { color: var(--ok); font-weight: 600; } .no { color: var(--no); font-weight: 600; } .part { color: var(--part); font-weight: 600; }
        table.units td:nth-child(1), table.units td:nth-child(5), table.units td:nth-child(7), table.units td:nth-child(8) { text-align: right; }
        th .sort { cursor: pointer; text-decoration: underline dotted; }
        th .sort::after { content: " ↕"; color: #888; }
        th[aria-sort="ascending"] .sort::after { content: " ▲"; color: var(--ink); } th[aria-sort="descending"] .sort::after { content: " ▼"; color: var(--ink); }
        section.unit { border-top: 3px solid var(--ink); margin-top: 2rem; }
        .rank { display: inline-block; min-width: 1.8rem; padding: 0 .3rem; margin-right: .3rem; border: 2px solid var(--ink); border-radius: 4px; text-align: center; }
        .unit-top { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
        .facts { flex: 1 1 24rem; min-width: 0; }
        .facts dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: 0 0 .6rem; }
        .facts dt { font-weight: 600; } .facts dd { margin: 0; }
        .outcome { font-size: 1.02rem; margin: .3rem 0; } ul.parts { margin: .2rem 0; }
        .mapbox { flex: 0 1 18rem; margin: 0; }
        svg.map { width: 100%; max-width: 18rem; height: auto; display: block; font-size: 10px; }
        .map-bg { fill: #fbfbf8; stroke: #bbb; } .map-circle { fill: #e8f0fa; stroke: var(--bar); stroke-width: 1.3; stroke-dasharray: 5 4; }
        .map-note { fill: var(--muted); } .map-scale { stroke: var(--ink); stroke-width: 2; }
        .map-home { fill: var(--ink); stroke: #fff; stroke-width: 1.2; } .map-school { fill: #6a4c93; stroke: #fff; stroke-width: 1.2; } .map-leader { stroke: var(--ink); stroke-width: 1; }
        .map-mark circle { fill: #fff; stroke: var(--bar); stroke-width: 2; } .map-mark text { font-weight: 700; fill: var(--ink); font-size: 10px; }
        .map-mark.proposed circle { fill: var(--bar); stroke: var(--ink); stroke-width: 2; } .map-mark.proposed text { fill: #fff; font-size: 11px; }
        .map-mark.miss circle { stroke: var(--no); stroke-dasharray: 3 2; } .map-mark.beyond { opacity: .55; }
        figcaption { font-size: .8rem; color: var(--muted); margin-top: .2rem; max-width: 18rem; }
        table.compare th[scope="col"] { min-width: 9.5rem; } table.compare th.proposed { background: #dbe7f5; }
        table.compare .no-label { display: inline-block; min-width: 1.4rem; padding: 0 .2rem; border-radius: 50%; border: 2px solid var(--bar); text-align: center; font-size: .85rem; }
        table.compare th.proposed .no-label { background: var(--bar); color: #fff; }
        .role { display: block; font-weight: 400; font-size: .8rem; }
        .weight { color: var(--muted); font-weight: 400; }
        .bar { display: inline-block; width: 4.5rem; height: .7rem; background: #e4e8ee; border: 1px solid #b9c2cf; vertical-align: middle; margin-right: .35rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .bar > span { display: block; height: 100%; background: var(--bar); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        tr.score th, tr.score td { font-weight: 700; } tr.score .bar > span { background: var(--ink); }
        tr.fact td { color: #333; }
        table.misses ul { margin: 0; padding-left: 1rem; } td.fix { font-weight: 600; }
        .tests details { margin: .25rem 0; } .tests summary { cursor: pointer; padding: .15rem 0; }
        .tests summary:focus-visible, .sort:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
        .explain { margin: .3rem 0 .8rem 1rem; } .explain-head { font-weight: 600; margin: .3rem 0; }
        table.rules tr.fail td, table.rules tr.fail th { background: #fbeceb; } table.rules tr.fail td:nth-child(2) { color: var(--no); font-weight: 700; }
        table.rules tr.pass td:nth-child(2) { color: var(--ok); }
        table.criteria td:nth-child(2), table.criteria td:nth-child(3) { text-align: right; }
        .verdict { font-weight: 700; } .verdict.ok { color: var(--ok); } .verdict.no { color: var(--no); }
        .tester { margin: .4rem 0; } .tester label { display: block; max-width: 50rem; }
        .tester select { display: block; margin-top: .2rem; max-width: 100%; }
        footer { margin-top: 2rem; font-size: .85rem; color: var(--muted); }
        @media print {
          @page { size: A4 portrait; margin: 12mm; }
          body { margin: 0; max-width: none; font-size: 9.5pt; }
          .toolbar, .tests, footer { display: none !important; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          section.unit { break-before: page; page-break-before: always; border-top: 0; margin-top: 0; }
          section.unit h2 { margin-top: 0; }
          .scroll { overflow: visible; }
          table { font-size: 8.5pt; } table.units { font-size: 8pt; } tr { break-inside: avoid; page-break-inside: avoid; }
          .unit-top { display: grid; grid-template-columns: 1fr 58mm; gap: 4mm; } .mapbox, svg.map, figcaption { max-width: 58mm; }
          table.compare { width: 100%; table-layout: fixed; } table.compare th[scope="col"] { min-width: 0; } table.compare th:first-child { width: 30mm; }
          table.compare td, table.compare th { padding: 1mm 1.2mm; } .bar { width: 40%; max-width: 14mm; }
          thead th, table.compare th.proposed { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          a { color: inherit; text-decoration: none; } th .sort { text-decoration: none; } th .sort::after { content: none; }
        }
        """

    static let script = """
        (function () {
          'use strict';
          var data = JSON.parse(document.getElementById('match-tests').textContent);
          function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); }
          function weight(i) { return data.criteria[i][1]; }
          // The same markup as the page's static match tests (MatchTestData.explainHTML).
          function explain(p) {
            var h = data.households[p[0]], failed = [], o = '<div class="explain"><p class="explain-head">' + esc(h[1]) + '</p>';
            o += '<table class="rules"><caption>Hard rules</caption><thead><tr><th scope="col">Rule</th><th scope="col">Result</th><th scope="col">Values</th></tr></thead><tbody>';
            for (var r = 0; r < data.rules.length; r++) {
              var fail = (p[3] >> r) & 1;
              if (fail) failed.push(data.rules[r]);
              o += '<tr class="' + (fail ? 'fail' : 'pass') + '"><th scope="row">' + esc(data.rules[r]) + '</th><td>' + (fail ? '✗ fails' : '✓ passes') + '</td><td>' + esc(data.strings[p[2][r]]) + '</td></tr>';
            }
            o += '</tbody></table>';
            o += failed.length ? '<p class="verdict no">✗ Not possible: fails ' + esc(failed.join(', ')) + '</p>' : '<p class="verdict ok">✓ Possible: every rule passed</p>';
            o += '<table class="criteria"><caption>Criteria: points out of the weight</caption><thead><tr><th scope="col">Criterion</th><th scope="col">Points</th><th scope="col">Out of</th><th scope="col">Why</th></tr></thead><tbody>';
            for (var c = 0; c < data.criteria.length; c++) {
              o += '<tr><th scope="row">' + esc(data.criteria[c][0]) + '</th><td>' + p[4][c].toFixed(2) + '</td><td>' + weight(c) + '</td><td>' + esc(data.strings[p[5][c]]) + '</td></tr>';
            }
            return o + '</tbody><tfoot><tr><th scope="row">Score</th><td>' + p[1].toFixed(2) + '</td><td>100</td><td></td></tr></tfoot></table></div>';
          }
          Array.prototype.forEach.call(document.querySelectorAll('[data-needs-script]'), function (e) { e.hidden = false; });
          Array.prototype.forEach.call(document.querySelectorAll('select[data-tests]'), function (s) {
            s.addEventListener('change', function () {
              var out = s.parentNode.parentNode.querySelector('.tester-out');
              out.innerHTML = s.value === '' ? '' : explain(data.units[+s.getAttribute('data-tests')][+s.value]);
            });
          });
          var table = document.getElementById('units'), body = table.tBodies[0], heads = table.tHead.rows[0].cells;
          var rows = Array.prototype.slice.call(body.rows);
          function key(row, i, numeric) {
            var cell = row.cells[i], v = cell.getAttribute('data-sort');
            return numeric ? parseFloat(v === null ? cell.textContent : v) : cell.textContent.toLowerCase();
          }
          Array.prototype.forEach.call(heads, function (th, i) {
            var b = th.querySelector('.th-label');
            b.setAttribute('role', 'button'); b.setAttribute('tabindex', '0'); b.className = 'th-label sort';
            b.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); b.click(); } });
            b.addEventListener('click', function () {
              var ascending = th.getAttribute('aria-sort') !== 'ascending', numeric = th.getAttribute('data-type') === 'num';
              var sorted = rows.slice().sort(function (a, c) {
                var x = key(a, i, numeric), y = key(c, i, numeric);
                var d = x < y ? -1 : x > y ? 1 : key(a, 0, true) - key(c, 0, true);
                return ascending ? d : -d;
              });
              Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
              th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
              sorted.forEach(function (r) { body.appendChild(r); });
            });
          });
          var find = document.getElementById('find'), show = document.getElementById('show'), shown = document.getElementById('shown');
          function filter() {
            var q = find.value.trim().toLowerCase(), outcome = show.value, n = 0;
            rows.forEach(function (r) {
              var ok = (!q || r.getAttribute('data-search').indexOf(q) >= 0) && (!outcome || r.getAttribute('data-outcome') === outcome);
              r.hidden = !ok;
              var section = document.getElementById(r.querySelector('a').getAttribute('href').slice(1));
              if (section) section.hidden = !ok;
              if (ok) n++;
            });
            shown.textContent = n === rows.length ? '' : n + ' of ' + rows.length + ' shown (and printed)';
          }
          find.addEventListener('input', filter); show.addEventListener('change', filter);
          document.getElementById('open-all').addEventListener('click', function () {
            var all = document.querySelectorAll('.tests details'), open = !Array.prototype.every.call(all, function (d) { return d.open; });
            Array.prototype.forEach.call(all, function (d) { d.open = open; });
            this.textContent = open ? 'Close all match tests' : 'Open all match tests';
          });
          document.getElementById('print').addEventListener('click', function () { window.print(); });
        })();
        """
}
