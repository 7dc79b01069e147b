// Renders the OpenAPI description inside the /api page (Swagger UI from the springdoc webjar).
// Swagger UI leaves a few of its controls without a name and its example blocks out of the keyboard's reach
// (axe-core: select-name, label, scrollable-region-focusable, target-size); every node it renders, now or after a click,
// is given them here. Deep links are off: with them, each operation's path is a link inside the button that
// opens it (nested-interactive, and a target cut to the link's height).
// The page is laid out by PlenaryLayout rather than Swagger UI's BaseLayout, which wrapped the operations in a
// second <main> inside the page's own (landmark-no-duplicate-main, landmark-main-is-top-level, landmark-unique)
// and put the description's title in a second <h1> with its tags' <h3> below it (heading-order): here the
// operations sit in a plain <div> under the page's localised <h2>, so the outline is h1 → h2 → h3 (tags). Its
// "Schemas" list, whose <h4> would have followed the last tag as if it belonged to it, is left out: each
// operation shows its own schemas, and /v3/api-docs holds them all.
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
  function PlenaryLayoutPlugin(system) {
    var h = system.React.createElement;
    function PlenaryLayout(props) {
      var spec = props.specSelectors, get = props.getComponent;
      var Errors = get('errors', true), Col = get('Col');
      if (spec.loadingStatus() === 'loading' || !spec.specStr()) {
        return h('div', { className: 'swagger-ui' }, h('div', { className: 'loading-container' }, h('div', { className: 'loading' })));
      }
      if (spec.loadingStatus() === 'failed' || spec.loadingStatus() === 'failedConfig') {
        return h('div', { className: 'swagger-ui' }, h(Errors));
      }
      var servers = spec.servers(), security = !!spec.securityDefinitions();
      var settings = servers && servers.size || security
        ? h('div', { className: 'scheme-container' }, h(Col, { className: 'schemes wrapper', mobile: 12 },
            servers && servers.size ? h('div', { className: 'schemes-server-container' }, h(get('ServersContainer', true))) : null,
            security ? h(get('AuthorizeBtnContainer', true)) : null))
        : null;
      return h('div', { className: 'swagger-ui' }, h(get('SvgAssets')), h(Errors), settings, h(get('FilterContainer', true)),
        h('div', { id: 'operations' }, h(get('operations', true))));
    }
    return { components: { PlenaryLayout: PlenaryLayout } };
  }
  // Swagger UI's Authorize window closes with Esc but was no dialog to assistive technology, and closing it left the
  // focus on the page's body: it is named a modal dialog by its title, and the focus goes back to the button that
  // opened it.
  var clicked = null, opener = null;
  node.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button');
    if (button && !button.closest('.modal-ux')) {
      clicked = button;
    }
  }, true);
  function dialogs() {
    var modal = node.querySelector('.modal-ux');
    if (modal && modal.getAttribute('role') !== 'dialog') {
      opener = clicked;
      var title = modal.querySelector('.modal-ux-header > h3');
      if (title && !title.id) {
        title.id = 'api-dialog-title';
      }
      modal.setAttribute('role', 'dialog');
      modal.setAttribute('aria-modal', 'true');
      if (title) {
        modal.setAttribute('aria-labelledby', title.id);
      }
    }
    if (!modal && opener && (document.activeElement === document.body || !document.activeElement)) {
      var back = opener;
      opener = null;
      if (document.contains(back)) {
        back.focus();
      }
    }
  }
  new MutationObserver(function () {
    nameControls();
    dialogs();
  }).observe(node, { childList: true, subtree: true });
  SwaggerUIBundle({ url: node.getAttribute('data-url'), domNode: node, deepLinking: false,
    plugins: [PlenaryLayoutPlugin], layout: 'PlenaryLayout', defaultModelsExpandDepth: -1 });
})();
