// Debian builds libxml2 with ICU, whose headers clash with Foundation's ICU in one module:
// include the version header first and switch the ICU part off before the rest.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
