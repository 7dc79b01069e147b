// Enhancements of every page; each page works without them.
(function () {
  'use strict';

  // Times are printed in the meeting's zone; where the reader's own zone differs, show it beside.
  function localTimes() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    var format = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: zone });
    var shown = false;
    document.querySelectorAll('time[data-local]').forEach(function (time) {
      var text = time.textContent;
      if (text.indexOf('(' + zone + ')') >= 0 || (zone === 'UTC' && / UTC$/.test(text))) { return; }
      var at = new Date(time.getAttribute('datetime'));
      if (isNaN(at.getTime())) { return; }
      var local = document.createElement('span');
      local.className = 'local-time';
      local.textContent = ' (your time: ' + format.format(at) + ')';
      time.after(local);
      shown = true;
    });
    if (shown) {
      document.querySelectorAll('.local-zone').forEach(function (el) {
        el.textContent = ', with your own (' + zone + ') beside them';
      });
    }
  }

  // The error summary: in the order of the fields on the page, links that reach their field, focused.
  function errorSummary() {
    var summary = document.querySelector('.error-summary');
    if (!summary) { return; }
    var list = summary.querySelector('ul');
    var items = list ? Array.prototype.slice.call(list.children) : [];
    items.forEach(function (item) {
      var link = item.querySelector('a[href^="#"]');
      if (!link) { return; }
      var id = decodeURIComponent(link.getAttribute('href').slice(1));
      var target = document.getElementById(id) || document.querySelector('[name="' + id.replace(/"/g, '') + '"]');
      if (target && !target.id) { target.id = id + '-field'; }
      if (target) { link.setAttribute('href', '#' + target.id); }
      item.target = target;
    });
    items.sort(function (a, b) {
      if (!a.target || !b.target) { return a.target ? -1 : (b.target ? 1 : 0); }
      return a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    }).forEach(function (item) { list.appendChild(item); });
    summary.focus();
  }

  // Below 600 px the navigation folds into a menu button.
  function menu() {
    var button = document.querySelector('.menu-toggle');
    var menuList = button && document.getElementById(button.getAttribute('aria-controls'));
    if (!menuList) { return; }
    button.hidden = false;
    document.documentElement.classList.add('js-menu');
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      menuList.classList.toggle('open', open);
    });
  }

  function ready() {
    localTimes();
    errorSummary();
    menu();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
})();
