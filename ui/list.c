/* list.c - moving a selection through rows, shared by every list screen. */
#include "ui.h"

void list_set_count(struct list *l, size_t n)
{
	l->n = n;
	if (l->sel >= n)
		l->sel = n ? n - 1 : 0;
	if (l->top > l->sel)
		l->top = l->sel;
}

void list_scroll(struct list *l, int rows)
{
	if (rows < 1)
		rows = 1;
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	/* No empty space below the last row when the list could fill it. */
	if (l->n > (size_t)rows && l->top > l->n - (size_t)rows)
		l->top = l->n - (size_t)rows;
	if (l->n <= (size_t)rows)
		l->top = 0;
}

int list_request(struct list *l, enum request r, int rows)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;
	switch (r) {
	case REQ_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		break;
	case REQ_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case REQ_PAGE_DOWN:
		l->sel = l->sel + page < l->n ? l->sel + page : (l->n ? l->n - 1 : 0);
		l->top += page;
		if (l->top > l->sel)
			l->top = l->sel;
		break;
	case REQ_PAGE_UP:
		l->sel = l->sel > page ? l->sel - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		break;
	case REQ_FIRST:
		l->sel = 0;
		break;
	case REQ_LAST:
		l->sel = l->n ? l->n - 1 : 0;
		break;
	default:
		return 0;
	}
	list_scroll(l, rows);
	return 1;
}
