"""Wagtail listing exports written by a django-import-export resource (kernel: no app imports).

A ModelViewSet keeps Wagtail's "Download XLSX / CSV" buttons, its filters and its scoped queryset;
`ResourceExportMixin` only makes each exported row the resource's `export_field` of every column,
so the export and an import built on the same resource share one column declaration.
"""

from collections import OrderedDict

from django.utils.functional import cached_property


class ResourceExportMixin:
    """For a Wagtail IndexView: rows of the XLSX/CSV export come from `resource_class` (an
    import_export Resource). The viewset passes the columns as usual: `list_export` (resource
    field names, in order) and `export_headings` (field name -> header), both derived from the
    resource; the queryset is the listing's own (filters and unit scope included), passed through
    the resource's `filter_export` (e.g. select_related) before it is written."""

    resource_class = None

    @cached_property
    def export_resource(self):
        return self.resource_class()

    def as_spreadsheet(self, queryset, spreadsheet_format):
        queryset = self.export_resource.filter_export(queryset)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        resource = self.export_resource
        return OrderedDict(
            (name, resource.export_field(resource.fields[name], item)) for name in self.list_export
        )
