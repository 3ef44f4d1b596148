/* Warning Signs: Run All while the kernel is still starting.
 *
 * JupyterLab 4 drops a Run All chosen before a new kernel is ready: each code cell's
 * execute finds no kernel and clears itself, silently (or, while kernel specs are still
 * loading, asks the learner to select a kernel). This plugin holds a Run All chosen
 * before the notebook's kernel is connected, says so in the notebook, and runs it once
 * the kernel is ready: the command runs exactly once, never early and never twice.
 *
 * Hand-written as a federated extension container (no build step, no imports): it
 * needs only the application object JupyterLab passes to activate().
 */
(function () {
  var RUN_ALL = ['notebook:run-all-cells', 'runmenu:run-all'];
  var WAITING = 'The kernel is still starting: all cells will run as soon as it is ready.';

  function kernelConnected(context) {
    var kernel = context.session && context.session.kernel;
    return Boolean(context.isReady && kernel && kernel.connectionStatus === 'connected');
  }

  // Resolves once the kernel is connected, or once it is clear none is coming (no kernel
  // chosen, start failed, notebook closed): then JupyterLab's own Run All says what is wrong.
  function kernelReady(context) {
    return context.ready.catch(function () {}).then(function () {
      return new Promise(function (resolve) {
        function settled() {
          return context.isDisposed || kernelConnected(context) || !(context.session && context.session.kernel);
        }
        if (settled()) { resolve(); return; }
        var timer = setInterval(function () { if (settled()) { clearInterval(timer); resolve(); } }, 200);
      });
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
    var commands = app.commands;
    var execute = commands.execute.bind(commands);
    var held = new WeakMap();  // panel -> the Run All held for it (a second click joins it)
    // Menus, toolbars and key bindings all call the registry's execute, so this one
    // wrapper sees every Run All.
    commands.execute = function (id, args) {
      var panel = RUN_ALL.indexOf(id) >= 0 ? app.shell.currentWidget : null;
      var context = panel && panel.content && panel.sessionContext;
      if (!context || kernelConnected(context)) { return execute(id, args); }
      if (held.has(panel)) { return held.get(panel); }
      say(panel, WAITING);
      var run = kernelReady(context).then(function () {
        held.delete(panel);
        say(panel, '');
        return execute(id, args);
      });
      held.set(panel, run);
      return run;
    };
  }

  var plugin = { id: 'warning-signs-run-all:plugin', autoStart: true, activate: activate };
  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB['warning-signs-run-all'] = {
    init: function () { return Promise.resolve(); },
    get: function () { return Promise.resolve(function () { return { __esModule: true, default: plugin }; }); }
  };
})();
