// Renders the OpenAPI description inside the /api page (Swagger UI from the springdoc webjar).
(function () {
  var node = document.getElementById('swagger-ui');
  if (!node || typeof SwaggerUIBundle !== 'function') {
    return;
  }
  node.textContent = '';
  SwaggerUIBundle({ url: node.getAttribute('data-url'), domNode: node, deepLinking: true });
})();
