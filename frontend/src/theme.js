// Runs in <head> before the page is drawn (a classic script: the CSP forbids inline ones), so a remembered
// colour scheme applies without a flash. Without a choice the CSS follows prefers-color-scheme.
(function applyRememberedTheme() {
  try {
    var theme = window.localStorage.getItem('pulse-chat.theme');
    if (theme === 'dark' || theme === 'light') document.documentElement.setAttribute('data-theme', theme);
  } catch (e) {
    // storage disabled: follow the system
  }
}());
