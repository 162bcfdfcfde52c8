/* schema.c - look-ups over the record type tables. */
#include "schema.h"

#include <string.h>
#include <strings.h>

const struct cb_record_type *cb_record_type_find(const char *name)
{
	for (size_t i = 0; name && cb_record_types[i]; i++)
		if (strcmp(cb_record_types[i]->name, name) == 0)
			return cb_record_types[i];
	return NULL;
}

const struct cb_field_def *cb_stanza_def_field(const struct cb_stanza_def *sd,
					       const char *name)
{
	for (size_t i = 0; sd && i < sd->nfields; i++)
		if (strcasecmp(sd->fields[i].name, name) == 0)
			return &sd->fields[i];
	return NULL;
}

int cb_choice_index(const struct cb_field_def *fd, const char *value)
{
	for (int i = 0; fd->choices && fd->choices[i]; i++)
		if (strcmp(fd->choices[i], value) == 0)
			return i;
	return -1;
}
