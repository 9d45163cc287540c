// Timeline filters. Without this script the filter links still work: kinds
// jump to their section, districts open the district's page. With it, they
// filter the list in place, and ?quan=…&loai=… makes a filter linkable.
(function () {
  "use strict";
  var list = document.querySelector(".timeline");
  var status = document.querySelector(".filter-status");
  if (!list || !status) return;
  var say = status.querySelector("[role=status]");
  var active = { district: null, kind: null };
  var names = {};
  document.querySelectorAll("[data-filter-district]").forEach(function (a) {
    names["d:" + a.dataset.filterDistrict] = a.textContent.replace(/\s*\(\d+\)$/, "");
  });
  document.querySelectorAll("[data-filter-kind]").forEach(function (a) {
    names["k:" + a.dataset.filterKind] = a.textContent.replace(/\s*\(\d+\)$/, "");
  });
  function apply() {
    var shown = 0;
    list.querySelectorAll("li[data-district]").forEach(function (li) {
      var ok = (!active.district || li.dataset.district === active.district) &&
               (!active.kind || li.dataset.kind === active.kind);
      li.hidden = !ok;
      if (ok) shown++;
    });
    list.querySelectorAll("section").forEach(function (s) {
      s.hidden = !s.querySelector("li[data-district]:not([hidden])");
    });
    document.querySelectorAll("[data-filter-district],[data-filter-kind]").forEach(function (a) {
      var on = a.dataset.filterDistrict ? a.dataset.filterDistrict === active.district : a.dataset.filterKind === active.kind;
      if (on) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
    });
    var parts = [];
    if (active.district) parts.push(names["d:" + active.district] || active.district);
    if (active.kind) parts.push(names["k:" + active.kind] || active.kind);
    status.hidden = parts.length === 0;
    say.textContent = parts.length ? "Đang lọc: " + parts.join(", ") + " — " + shown + " sự kiện." : "";
    var url = new URL(window.location.href);
    url.searchParams.delete("quan");
    url.searchParams.delete("loai");
    if (active.district) url.searchParams.set("quan", active.district);
    if (active.kind) url.searchParams.set("loai", active.kind);
    history.replaceState(null, "", url);
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("[data-filter-district],[data-filter-kind],[data-filter-reset]");
    if (!a) return;
    ev.preventDefault();
    if (a.hasAttribute("data-filter-reset")) {
      active.district = null;
      active.kind = null;
    } else if (a.dataset.filterDistrict) {
      active.district = active.district === a.dataset.filterDistrict ? null : a.dataset.filterDistrict;
    } else {
      active.kind = active.kind === a.dataset.filterKind ? null : a.dataset.filterKind;
    }
    apply();
  });
  var params = new URLSearchParams(window.location.search);
  active.district = params.get("quan");
  active.kind = params.get("loai");
  if (active.district || active.kind) apply();
})();
