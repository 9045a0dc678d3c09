// measure.js — appended to a timetable page for test_view.sh: writes what the
// browser computed (layout boxes, colours, clipping) into a PRE element with id measure
// so that `chromium --dump-dom` carries the measurements out. One line each:
//   B session date top height left width colwidth start end conflict bg clipped
//   OFF date top height
//   H label top
(function () {
  var out = [];
  function rel(el) {
    var r = el.getBoundingClientRect(), p = el.parentElement.getBoundingClientRect();
    return { top: Math.round(r.top - p.top), height: Math.round(r.height), left: Math.round(r.left - p.left),
             width: Math.round(r.width), pw: Math.round(p.width) };
  }
  document.querySelectorAll('.b').forEach(function (b) {
    var m = rel(b);
    out.push(['B', b.dataset.session, b.parentElement.dataset.date, m.top, m.height, m.left, m.width, m.pw,
              b.dataset.start, b.dataset.end, b.classList.contains('conflict') ? 1 : 0,
              getComputedStyle(b).backgroundColor.replace(/ /g, ''),
              b.scrollHeight > b.clientHeight + 1 ? 1 : 0].join(' '));
  });
  document.querySelectorAll('.off').forEach(function (o) {
    var m = rel(o);
    out.push(['OFF', o.parentElement.dataset.date, m.top, m.height].join(' '));
  });
  document.querySelectorAll('.hl').forEach(function (h) {
    out.push(['H', h.textContent, rel(h).top].join(' '));
  });
  var pre = document.createElement('pre');
  pre.id = 'measure';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();
