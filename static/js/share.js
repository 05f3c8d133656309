// Claim pages: "Copy link" and "Share…" buttons, and the print date (templates/includes/share.html).
// Without JavaScript the buttons stay hidden and the plain share links do the work.
(function () {
  "use strict";
  var status = document.querySelector("[data-share-status]");

  function say(message) {
    if (status) { status.textContent = message; }
  }

  var copy = document.querySelector("[data-copy-url]");
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.parentElement.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.dataset.copyUrl).then(
        function () { say(copy.dataset.copiedText || "Link copied."); },
        function () { say(copy.dataset.failedText || "Could not copy the link."); }
      );
    });
  }

  var share = document.querySelector("[data-share-url]");
  if (share && navigator.share) {
    share.parentElement.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: share.dataset.shareTitle, url: share.dataset.shareUrl })
        .catch(function () { /* The reader closed the share sheet. */ });
    });
  }

  // Paper says when it was printed: CSS cannot know the date.
  var printed = document.querySelector("[data-print-date]");
  if (printed) {
    window.addEventListener("beforeprint", function () {
      var now = new Date();
      var time = document.createElement("time");
      time.dateTime = now.toISOString().slice(0, 10);
      time.textContent = now.toLocaleDateString(document.documentElement.lang || undefined, {
        day: "numeric", month: "long", year: "numeric"
      });
      printed.textContent = " " + printed.dataset.label + " ";
      printed.appendChild(time);
      printed.hidden = false;
    });
  }
}());
