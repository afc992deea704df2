// The patient's plan prints on paper (print styles hide navigation and buttons).
document.addEventListener('click', function (event) {
  if (event.target.closest('[data-print]')) window.print();
});
