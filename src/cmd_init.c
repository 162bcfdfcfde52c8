/* cmd_init.c - casebook init [--remote URL] [--user "Name <email>"] DIR */
#include "cli.h"
#include "cmd_crypt.h"
#include "err.h"
#include "i18n.h"

#include <getopt.h>

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "remote", required_argument, NULL, 'r' },
		{ "user", required_argument, NULL, 'u' },
		{ "encrypt", no_argument, NULL, 'e' },
		{ "key-file", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = _("casebook init [--remote URL] [--user \"Name <email>\"] "
			      "[--encrypt [--key-file FILE]] DIR");
	const char *remote = NULL, *user = NULL, *keyfile = NULL;
	int encrypt = 0;
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'r')
			remote = optarg;
		else if (o == 'u')
			user = optarg;
		else if (o == 'e')
			encrypt = 1;
		else if (o == 'k')
			keyfile = optarg;
		else
			return cli_usage(usage);
	}
	if (optind != argc - 1 || (keyfile && !encrypt))
		return cli_usage(usage);
	if (cb_ws_init(argv[optind], remote, user))
		return cli_fail_last();
	if (encrypt && cli_encrypt_setup(argv[optind], keyfile))
		return 1;
	printf(encrypt ? _("Made an empty encrypted workspace in %s (unlocked for this "
			   "session)\n")
		       : _("Made an empty workspace in %s\n"), argv[optind]);
	return 0;
}
