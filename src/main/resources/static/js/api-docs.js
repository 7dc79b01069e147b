// Renders the OpenAPI description inside the /api page (Swagger UI from the springdoc webjar).
// Swagger UI leaves a few of its controls without a name and its example blocks out of the keyboard's reach
// (axe-core: select-name, label, scrollable-region-focusable, target-size); every node it renders, now or after a click,
// is given them here. Deep links are off: with them, each operation's path is a link inside the button that
// opens it (nested-interactive, and a target cut to the link's height).
(function () {
  var node = document.getElementById('swagger-ui');
  if (!node || typeof SwaggerUIBundle !== 'function') {
    return;
  }
  node.textContent = '';
  function unnamed(tag) {
    return Array.prototype.filter.call(node.getElementsByTagName(tag), function (control) {
      return !control.hasAttribute('aria-label') && !control.hasAttribute('aria-labelledby');
    });
  }
  function nameControls() {
    unnamed('select').forEach(function (select) {
      var title = select.id === 'servers' ? node.querySelector('.servers-title') : null;
      var label = title ? title.textContent : select.closest('[data-param-name]') ? select.closest('[data-param-name]').getAttribute('data-param-name') : '';
      if (label) {
        select.setAttribute('aria-label', label);
      }
    });
    unnamed('textarea').forEach(function (area) {
      var holder = area.closest('[data-param-name]');
      var label = holder ? holder.getAttribute('data-param-name') : area.closest('.body-param') ? 'body' : '';
      if (label) {
        area.setAttribute('aria-label', label);
      }
    });
    // A tab panel holding the body's text field is reached through the field: focusable itself, it was a
    // target the field covered all but a strip of (target-size).
    Array.prototype.forEach.call(node.getElementsByTagName('textarea'), function (area) {
      var panel = area.closest('[role=tabpanel]');
      if (panel && panel.hasAttribute('tabindex')) {
        panel.removeAttribute('tabindex');
      }
    });
    Array.prototype.forEach.call(node.getElementsByTagName('pre'), function (pre) {
      if (!pre.hasAttribute('tabindex')) {
        pre.setAttribute('tabindex', '0');
      }
    });
  }
  new MutationObserver(nameControls).observe(node, { childList: true, subtree: true });
  SwaggerUIBundle({ url: node.getAttribute('data-url'), domNode: node, deepLinking: false });
})();
