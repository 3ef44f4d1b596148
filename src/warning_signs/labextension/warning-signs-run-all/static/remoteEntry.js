/* Warning Signs: Run All while the kernel is still starting.
 *
 * JupyterLab 4 drops a Run All chosen before a new kernel exists: each code cell's
 * execute finds no kernel and clears itself, silently. This plugin watches the Run All
 * commands; when one is chosen with no kernel yet, it says so in the notebook's
 * status line and, once the kernel is ready, runs all cells again, unless some cell
 * has run or is running meanwhile (then nothing was dropped).
 *
 * Hand-written as a federated extension container (no build step, no imports): it
 * needs only the application object JupyterLab passes to activate().
 */
(function () {
  var RUN_ALL = ['notebook:run-all-cells', 'runmenu:run-all'];

  function codeCells(panel) {
    return panel.content.widgets.filter(function (cell) { return cell.model.type === 'code'; });
  }

  function nothingRan(panel) {
    return codeCells(panel).every(function (cell) {
      return cell.model.executionCount === null && cell.model.executionState !== 'running';
    });
  }

  function say(panel, text) {
    var node = panel.node.querySelector('.ws-run-all-note');
    if (!text) { if (node) { node.remove(); } return; }
    if (!node) {
      node = document.createElement('p');
      node.className = 'ws-run-all-note';
      node.setAttribute('role', 'status');
      node.style.cssText = 'margin:4px 12px;padding:4px 8px;background:var(--jp-info-color3,#e1f5fe);';
      panel.node.insertBefore(node, panel.content.node);
    }
    node.textContent = text;
  }

  function activate(app) {
    var waiting = new WeakSet();
    app.commands.commandExecuted.connect(function (_, done) {
      if (RUN_ALL.indexOf(done.id) < 0) { return; }
      var panel = app.shell.currentWidget;
      var context = panel && panel.sessionContext;
      if (!context || !panel.content || context.session && context.session.kernel) { return; }
      if (waiting.has(panel)) { return; }
      waiting.add(panel);
      say(panel, 'The kernel is still starting: all cells will run as soon as it is ready.');
      context.ready.then(function () {
        waiting.delete(panel);
        say(panel, '');
        if (context.session && context.session.kernel && nothingRan(panel)) {
          app.commands.execute('notebook:run-all-cells');
        }
      }).catch(function () { waiting.delete(panel); say(panel, ''); });
    });
  }

  var plugin = { id: 'warning-signs-run-all:plugin', autoStart: true, activate: activate };
  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB['warning-signs-run-all'] = {
    init: function () { return Promise.resolve(); },
    get: function () { return Promise.resolve(function () { return { __esModule: true, default: plugin }; }); }
  };
})();
