namespace MiniMalloc.Planning;

/// <summary>
/// The report's inline style sheet and script. Neither contains '&lt;' or '&amp;', so the page stays well-formed
/// XML without CDATA sections (which an HTML parser would not understand inside a script).
/// </summary>
internal static class ReportAssets
{
    public const string Style = """
        body{margin:16px 20px;font:13px/1.45 sans-serif;color:#1d2330;background:#fff}
        h1{font-size:20px;margin:0 0 4px}
        .verdict{font-weight:600;margin:2px 0 10px}
        .verdict.ok{color:#1d6b35}
        .verdict.bad{color:#b3261e}
        .verdict.warn{color:#8a5a00}
        table.facts{border-collapse:collapse;margin:0 0 10px}
        .facts th{text-align:left;font-weight:600;padding:1px 16px 1px 0;color:#4a5160;vertical-align:top}
        .facts td{padding:1px 0}
        #info{position:sticky;top:0;z-index:1;background:#f4f6fa;border:1px solid #d8dde6;padding:4px 8px;margin:0 0 8px;min-height:18px;font-family:monospace;white-space:pre-wrap}
        .help{color:#4a5160;max-width:1100px}
        svg{display:block;font:11px sans-serif}
        .bg{fill:#fbfcfe}
        .frame{fill:none;stroke:#6b7280}
        .grid{stroke:#e6e9ef}
        .axis{stroke:#6b7280}
        .tk{fill:#4a5160}
        .ct{fill:#1d2330;font-size:13px;font-weight:600}
        .at{fill:#4a5160}
        .b.hl rect{stroke:#111;stroke-width:1.5}
        .s rect{stroke:#b3261e;stroke-width:1.5}
        .mo{fill:none;stroke:#1d2330;stroke-width:1;stroke-dasharray:3 2}
        .b.hl .mo rect,.mo.hl rect{stroke:#111;stroke-width:2;stroke-dasharray:none}
        .infeasible .b{opacity:.35}
        .infeasible .b.s,.infeasible .b.hl{opacity:1}
        .m{fill:#8c929c}
        .m rect.hl{fill:#111}
        .crit{fill:#f59e0b;opacity:.16}
        .critmark{fill:#e08a00}
        .over{fill:#e0453a}
        .of{fill:#b3261e;opacity:.22}
        .oft{fill:#b3261e;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
        .live{fill:#b9cdf2;stroke:#1f4fbf}
        .cap{stroke:#b3261e;stroke-width:1.5;stroke-dasharray:7 4}
        .peak{stroke:#1f4fbf;stroke-width:1.5}
        .lb{stroke:#1d6b35;stroke-width:1.5;stroke-dasharray:2 3}
        .tcap{fill:#b3261e;font-weight:600}
        .tpeak{fill:#1f4fbf;font-weight:600}
        .tlb{fill:#1d6b35;font-weight:600}
        .ll text{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;pointer-events:none}
        .l{fill:#111;font-size:10px;pointer-events:none}
        .banner{fill:#b3261e;font-size:13px;font-weight:700}
        """;

    // Hover highlights the buffer under the pointer and copies its hover text into the sticky info line. One
    // listener on the whole chart (not one per rectangle) keeps a 20,000-buffer page responsive. A hover text kept
    // in data-t (large plans) becomes a <title> when first hovered, so the browser's tooltip shows it too.
    // data-script="ok" on <html> tells tests, and anyone checking, that the script ran without error; data-ready-ms
    // says how long after navigation the page was ready (the DOM only: the file itself stays deterministic).
    public const string Script = """
        (function () {
          var root = document.documentElement;
          try {
            var svgNs = 'http://www.w3.org/2000/svg';
            var plan = document.getElementById('plan');
            var info = document.getElementById('info');
            var hint = info.textContent;
            var current = null;
            function titleOf(node) {
              var first = node.firstElementChild;
              return first !== null ? (first.localName === 'title' ? first : null) : null;
            }
            function owner(node) {
              while (node !== null) {
                if (node === plan) { return null; }
                if (node.nodeType === 1) {
                  if (node.hasAttribute('data-t') || titleOf(node) !== null) { return node; }
                }
                node = node.parentNode;
              }
              return null;
            }
            function textOf(node) {
              var title = titleOf(node);
              if (title === null) {
                title = document.createElementNS(svgNs, 'title');
                title.textContent = node.getAttribute('data-t');
                node.insertBefore(title, node.firstChild);
              }
              return title.textContent;
            }
            function show(found) {
              if (found === current) { return; }
              if (current !== null) { current.classList.remove('hl'); }
              current = found;
              if (found === null) { info.textContent = hint; return; }
              found.classList.add('hl');
              info.textContent = textOf(found).split('\n').join('  |  ');
            }
            plan.addEventListener('mouseover', function (event) { show(owner(event.target)); });
            plan.addEventListener('mouseleave', function () { show(null); });
            root.setAttribute('data-ready-ms', String(Math.round(performance.now())));
            root.setAttribute('data-script', 'ok');
          } catch (error) {
            root.setAttribute('data-script', 'error: ' + error);
          }
        })();
        """;
}
