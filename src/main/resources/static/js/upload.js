// Progress bar for the upload form. Without JavaScript the form posts normally.
document.addEventListener('DOMContentLoaded', () => {
  // Words come from the page (the layout's #plenary-words, in the reader's language).
  const words = (name) => (document.getElementById('plenary-words') || { getAttribute: () => '' }).getAttribute('data-' + name) || '';
  const form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  const bar = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    bar.hidden = false;
    request.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        const percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        bar.textContent = percent + '%';
        status.textContent = words('uploading').split('{0}').join(percent);
      }
    });
    // The answer is the document's page with the outcome (the redirect was followed): show it.
    request.addEventListener('load', () => {
      window.history.replaceState(null, '', request.responseURL || form.action);
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => { status.textContent = words('upload-failed'); });
    request.send(new FormData(form));
  });
});
