(function () {
  var form = document.getElementById("filter");
  var query = document.getElementById("query");
  var level = document.getElementById("level");
  var shown = document.getElementById("shown");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".disagreement"));
  var events = Array.prototype.slice.call(document.querySelectorAll("section.event"));
  var text = cards.map(function (c) { return c.textContent.toLowerCase(); });
  function apply() {
    var words = query.value.toLowerCase().trim();
    var want = level.value;
    var n = 0;
    cards.forEach(function (card, i) {
      var ok = (!words || text[i].indexOf(words) >= 0) && (!want || card.dataset.contested === want);
      card.hidden = !ok;
      if (ok) { n += 1; }
    });
    events.forEach(function (e) { e.hidden = !e.querySelector(".disagreement:not([hidden])"); });
    shown.textContent = n + " of " + cards.length + " disagreements shown";
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  query.addEventListener("input", apply);
  level.addEventListener("change", apply);
  form.hidden = false;
  apply();
})();
