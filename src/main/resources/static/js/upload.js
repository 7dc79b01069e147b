// Progress bar for the upload form. Without JavaScript the form posts normally.
document.addEventListener('DOMContentLoaded', () => {
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
        status.textContent = 'Uploading: ' + percent + '%';
      }
    });
    // The answer is the document's page with the outcome (the redirect was followed): show it.
    request.addEventListener('load', () => {
      window.history.replaceState(null, '', request.responseURL || form.action);
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => { status.textContent = 'The upload failed; try again.'; });
    request.send(new FormData(form));
  });
});
