/* cmd_init.c - casebook init [--remote URL] [--user "Name <email>"] DIR */
#include "cli.h"
#include "err.h"
#include "i18n.h"

#include <getopt.h>

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "remote", required_argument, NULL, 'r' },
		{ "user", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook init [--remote URL] [--user \"Name <email>\"] DIR");
	const char *remote = NULL, *user = NULL;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'r')
			remote = optarg;
		else if (o == 'u')
			user = optarg;
		else
			return cli_usage(usage);
	}
	if (optind != argc - 1)
		return cli_usage(usage);
	if (cb_ws_init(argv[optind], remote, user))
		return cli_fail_last();
	printf(_("Made an empty workspace in %s\n"), argv[optind]);
	return 0;
}
