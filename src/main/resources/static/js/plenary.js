// Enhancements of every page; each page works without them.
(function () {
  'use strict';

  // Words come from the page (the layout's #plenary-words, in the reader's language), never from here.
  function word(name, args) {
    var holder = document.getElementById('plenary-words');
    var text = holder ? holder.getAttribute('data-' + name) || '' : '';
    (args || []).forEach(function (value, i) { text = text.split('{' + i + '}').join(value); });
    return text;
  }

  // Times are printed in the meeting's zone; where the reader's own zone differs, show it beside.
  function localTimes() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    var lang = document.documentElement.lang || 'en';
    var format = new Intl.DateTimeFormat(lang === 'en' || lang === 'en-XA' ? 'en-GB' : lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: zone });
    var shown = false;
    document.querySelectorAll('time[data-local]').forEach(function (time) {
      var text = time.textContent;
      if (text.indexOf('(' + zone + ')') >= 0 || (zone === 'UTC' && / UTC$/.test(text))) { return; }
      var at = new Date(time.getAttribute('datetime'));
      if (isNaN(at.getTime())) { return; }
      var local = document.createElement('span');
      local.className = 'local-time';
      local.textContent = ' ' + word('your-time', [format.format(at)]);
      time.after(local);
      shown = true;
    });
    if (shown) {
      document.querySelectorAll('.local-zone').forEach(function (el) {
        el.textContent = word('own-zone', [zone]);
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
    function show(open) {
      button.setAttribute('aria-expanded', String(open));
      menuList.classList.toggle('open', open);
    }
    button.addEventListener('click', function () {
      show(button.getAttribute('aria-expanded') !== 'true');
    });
    // Esc folds the open menu, from its button or any of its links, and gives the focus back to the button.
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true'
          && (event.target === button || menuList.contains(event.target))) {
        show(false);
        button.focus();
      }
    });
  }

  // List editors (the agenda) move rows up and down in place; without the script each move is a form post.
  function reorder() {
    document.querySelectorAll('ol[data-reorder]').forEach(function (list) {
      var prefix = list.getAttribute('data-reorder');
      var announce = document.getElementById('agenda-announce');
      list.addEventListener('click', function (event) {
        var button = event.target.closest('button[name="row"]');
        if (!button || !/^(up|down):\d+$/.test(button.value)) { return; }
        event.preventDefault();
        var row = button.closest('li');
        var up = button.value.indexOf('up:') === 0;
        var other = up ? row.previousElementSibling : row.nextElementSibling;
        if (!other) { return; }
        list.insertBefore(up ? row : other, up ? other : row);
        renumber(list, prefix);
        var moved = row.querySelector('button[value^="' + (up ? 'up:' : 'down:') + '"]:not([hidden])')
          || row.querySelector('button[name="row"]:not([hidden])');
        if (moved) { moved.focus(); }
        var position = Array.prototype.indexOf.call(list.children, row) + 1;
        if (announce) { announce.textContent = word('moved', [position, list.children.length]); }
      });
    });
  }

  function numbered(element, n) {
    return element.getAttribute('data-pattern').split('{n}').join(String(n));
  }

  function renumber(list, prefix) {
    var rows = Array.prototype.slice.call(list.children);
    rows.forEach(function (row, k) {
      var n = k + 1;
      // Texts with the row's number come from the server as patterns with {n}, in the page's language.
      row.querySelectorAll('[data-label-for]').forEach(function (hint) {
        var label = row.querySelector('label[for="' + hint.getAttribute('data-label-for') + '"]');
        if (label) { label.textContent = numbered(hint, n); }
        hint.setAttribute('data-label-for', hint.getAttribute('data-label-for').replace(new RegExp('^' + prefix + '\\d+'), prefix + k));
      });
      row.querySelectorAll('[name^="' + prefix + '["]').forEach(function (field) {
        field.name = field.name.replace(/^(\w+)\[\d+\]/, '$1[' + k + ']');
      });
      row.querySelectorAll('[id^="' + prefix + '"]').forEach(function (el) {
        el.id = el.id.replace(new RegExp('^' + prefix + '\\d+'), prefix + k);
      });
      row.querySelectorAll('[for^="' + prefix + '"]').forEach(function (label) {
        label.htmlFor = label.htmlFor.replace(new RegExp('^' + prefix + '\\d+'), prefix + k);
      });
      row.querySelectorAll('[aria-describedby^="' + prefix + '"]').forEach(function (el) {
        el.setAttribute('aria-describedby', el.getAttribute('aria-describedby').replace(new RegExp('^' + prefix + '\\d+'), prefix + k));
      });
      row.querySelectorAll('summary[data-pattern]').forEach(function (summary) {
        summary.textContent = numbered(summary, n);
      });
      row.querySelectorAll('button[name="row"]').forEach(function (button) {
        var kind = button.value.split(':')[0];
        button.value = kind + ':' + k;
        if (button.hasAttribute('data-pattern')) { button.textContent = numbered(button, n); }
        if (kind === 'up') { button.hidden = k === 0; }
        if (kind === 'down') { button.hidden = k === rows.length - 1; }
      });
    });
  }

  // A table wider than its column scrolls sideways (the stylesheet makes it a block); a keyboard reaches
  // what is hidden only when the table itself takes the focus, so it does while, and only while, it scrolls.
  // A table the page itself made focusable stays so. Its box keeps the column's width when its content
  // widens (a late font, a fallback font for another script, a localized time), so the content is watched too.
  function scrollingTables() {
    var tables = Array.prototype.filter.call(document.querySelectorAll('table'), function (table) {
      return !table.closest('.table-scroll') && !table.hasAttribute('tabindex');
    });
    function mark() {
      tables.forEach(function (table) {
        if (table.scrollWidth > table.clientWidth + 1) {
          table.setAttribute('tabindex', '0');
        } else {
          table.removeAttribute('tabindex');
        }
      });
    }
    mark();
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(mark);
      tables.forEach(function (table) {
        observer.observe(table);
        Array.prototype.forEach.call(table.children, function (part) { observer.observe(part); });
      });
    }
    window.addEventListener('load', mark);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(mark); }
  }

  function ready() {
    localTimes();
    errorSummary();
    menu();
    reorder();
    scrollingTables();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
})();
