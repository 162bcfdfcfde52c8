/* export_tool.c - runs a formatting tool with files for stdin and stdout
 * and its stderr captured; see export_tool.h. */
#include "export_tool.h"

#include "err.h"
#include "i18n.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The exit status a child uses when exec itself failed. */
#define EXEC_FAILED 127

/* The Debian package that installs a tool, for the hint when it is
 * missing: the command and the package are not always named alike
 * (Graphviz's dot, poppler-utils' pdftotext), and groff-base alone has
 * no PDF output. */
const char *cb_export_tool_package(const char *tool)
{
	static const struct {
		const char *tool, *package;
	} packages[] = {
		{ "dot", "graphviz" }, { "groff", "groff" }, { "pdftotext", "poppler-utils" },
		{ "xmllint", "libxml2-utils" },
	};
	for (size_t i = 0; i < sizeof packages / sizeof packages[0]; i++)
		if (strcmp(tool, packages[i].tool) == 0)
			return packages[i].package;
	return tool;
}

int cb_export_run_tool(const char *const argv[], const char *in_path,
		       const char *out_path, long long epoch, char **err_text)
{
	if (err_text)
		*err_text = NULL;
	int in = open(in_path, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return cb_err(CB_ERROR, _("cannot read %s: %s"), in_path, strerror(errno));
	int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		int rc = cb_err(CB_ERROR, _("cannot write %s: %s"), out_path, strerror(errno));
		close(in);
		return rc;
	}
	int pipefd[2];
	if (pipe(pipefd) != 0) {
		close(in);
		close(out);
		return cb_err(CB_ERROR, _("cannot run %s: %s"), argv[0], strerror(errno));
	}
	char epoch_s[32];
	snprintf(epoch_s, sizeof epoch_s, "%lld", epoch);
	pid_t pid = fork();
	if (pid < 0) {
		int rc = cb_err(CB_ERROR, _("cannot run %s: %s"), argv[0], strerror(errno));
		close(in);
		close(out);
		close(pipefd[0]);
		close(pipefd[1]);
		return rc;
	}
	if (pid == 0) {
		if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(pipefd[1], 2) < 0)
			_exit(EXEC_FAILED);
		setenv("SOURCE_DATE_EPOCH", epoch_s, 1);
		execvp(argv[0], (char *const *)argv);
		_exit(EXEC_FAILED);
	}
	close(in);
	close(out);
	close(pipefd[1]);
	struct cb_sb sb = CB_SB_INIT;
	cb_sb_add(&sb, "", 0);
	char buf[4096];
	for (;;) {
		ssize_t n = read(pipefd[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		cb_sb_add(&sb, buf, (size_t)n);
	}
	close(pipefd[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	char *said = cb_sb_failed(&sb) ? NULL : cb_sb_take(&sb);
	cb_sb_free(&sb);
	int rc = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXEC_FAILED)
		rc = cb_err(CB_ERROR, _("cannot run %s: is it installed? (Debian: apt-get install %s)"),
			    argv[0], cb_export_tool_package(argv[0]));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = cb_err(CB_ERROR, _("%s failed: %.200s"), argv[0], said ? said : "");
	if (err_text && rc == 0)
		*err_text = said;
	else
		free(said);
	return rc;
}
