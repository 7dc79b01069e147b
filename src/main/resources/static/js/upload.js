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
  const field = form.querySelector('input[type=file]');
  // Said next to the field and tied to it, so that a screen reader reads it with the field.
  const refuse = (sentence) => {
    status.textContent = sentence;
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', status.id);
    field.focus();
  };
  field.addEventListener('change', () => { field.removeAttribute('aria-invalid'); status.textContent = ''; });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A file past the cap is refused here, with the server's sentence, rather than sent in full to be refused.
    const max = Number(form.getAttribute('data-max-bytes'));
    if (max > 0 && field.files.length > 0 && field.files[0].size > max) {
      refuse(form.getAttribute('data-too-large'));
      return;
    }
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
    // Anything but a page (a problem in JSON from a proxy or the server's own limits) is not written over this one.
    request.addEventListener('load', () => {
      if (!/^text\/html/.test(request.getResponseHeader('Content-Type') || '')) {
        bar.hidden = true;
        refuse(words('upload-failed'));
        return;
      }
      window.history.replaceState(null, '', request.responseURL || form.action);
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => { status.textContent = words('upload-failed'); });
    request.send(new FormData(form));
  });
});
