// The fields each supported Superset release's importers accept, per object and nested part: a bundle from a
// newer release carries fields an older importer refuses as "Unknown field". Read from each release's marshmallow
// schemas (ImportV1DashboardSchema, ImportV1ChartSchema, ImportV1DatasetSchema, ImportV1DatabaseSchema) by
// scripts/superset-import-fields.py; the folders' own children repeat the folder's fields.

/** Where a set of fields applies: an object type, or a nested part such as `dataset.columns[]`. */
export type FieldPlace =
  | 'chart'
  | 'dashboard'
  | 'database'
  | 'database.extra'
  | 'database.ssh_tunnel'
  | 'dataset'
  | 'dataset.columns[]'
  | 'dataset.folders[]'
  | 'dataset.folders[].children[]'
  | 'dataset.metrics[]'
  | 'dataset.metrics[].currency';

export type ImportFields = Partial<Record<FieldPlace, readonly string[]>>;

// prettier-ignore
export const IMPORT_FIELDS: Record<'4.1' | '5.0' | '6.0' | '6.1', ImportFields> = {
  '4.1': {
    'chart': [
      'cache_timeout', 'certification_details', 'certified_by', 'dataset_uuid', 'description', 'external_url', 'is_managed_externally', 'params', 'query_context', 'slice_name', 'uuid', 'version', 'viz_type',
    ],
    'dashboard': [
      'certification_details', 'certified_by', 'css', 'dashboard_title', 'description', 'external_url', 'is_managed_externally', 'metadata', 'position', 'published', 'slug', 'uuid', 'version',
    ],
    'database': [
      'allow_csv_upload', 'allow_ctas', 'allow_cvas', 'allow_dml', 'allow_run_async', 'cache_timeout', 'database_name', 'expose_in_sqllab', 'external_url', 'extra', 'is_managed_externally', 'password', 'sqlalchemy_uri', 'ssh_tunnel', 'uuid', 'version',
    ],
    'database.extra': [
      'allow_multi_catalog', 'allows_virtual_table_explore', 'cancel_query_on_windows_unload', 'cost_estimate_enabled', 'disable_data_preview', 'disable_drill_to_detail', 'engine_params', 'metadata_cache_timeout', 'metadata_params', 'schemas_allowed_for_csv_upload', 'version',
    ],
    'database.ssh_tunnel': [
      'id', 'password', 'private_key', 'private_key_password', 'server_address', 'server_port', 'username',
    ],
    'dataset': [
      'always_filter_main_dttm', 'cache_timeout', 'catalog', 'columns', 'data', 'database_uuid', 'default_endpoint', 'description', 'external_url', 'extra', 'fetch_values_predicate', 'filter_select_enabled', 'is_managed_externally', 'main_dttm_col', 'metrics', 'normalize_columns', 'offset', 'params', 'schema', 'sql', 'table_name', 'template_params', 'uuid', 'version',
    ],
    'dataset.columns[]': [
      'advanced_data_type', 'column_name', 'description', 'expression', 'extra', 'filterable', 'groupby', 'is_active', 'is_dttm', 'python_date_format', 'type', 'verbose_name',
    ],
    'dataset.metrics[]': [
      'currency', 'd3format', 'description', 'expression', 'extra', 'metric_name', 'metric_type', 'verbose_name', 'warning_text',
    ],
  },
  '5.0': {
    'chart': [
      'cache_timeout', 'certification_details', 'certified_by', 'dataset_uuid', 'description', 'external_url', 'is_managed_externally', 'params', 'query_context', 'slice_name', 'uuid', 'version', 'viz_type',
    ],
    'dashboard': [
      'certification_details', 'certified_by', 'css', 'dashboard_title', 'description', 'external_url', 'is_managed_externally', 'metadata', 'position', 'published', 'slug', 'uuid', 'version',
    ],
    'database': [
      'allow_csv_upload', 'allow_ctas', 'allow_cvas', 'allow_dml', 'allow_run_async', 'cache_timeout', 'database_name', 'expose_in_sqllab', 'external_url', 'extra', 'impersonate_user', 'is_managed_externally', 'password', 'sqlalchemy_uri', 'ssh_tunnel', 'uuid', 'version',
    ],
    'database.extra': [
      'allow_multi_catalog', 'allows_virtual_table_explore', 'cancel_query_on_windows_unload', 'cost_estimate_enabled', 'disable_data_preview', 'disable_drill_to_detail', 'engine_params', 'metadata_cache_timeout', 'metadata_params', 'schema_options', 'schemas_allowed_for_csv_upload', 'version',
    ],
    'database.ssh_tunnel': [
      'id', 'password', 'private_key', 'private_key_password', 'server_address', 'server_port', 'username',
    ],
    'dataset': [
      'always_filter_main_dttm', 'cache_timeout', 'catalog', 'columns', 'data', 'database_uuid', 'default_endpoint', 'description', 'external_url', 'extra', 'fetch_values_predicate', 'filter_select_enabled', 'is_managed_externally', 'main_dttm_col', 'metrics', 'normalize_columns', 'offset', 'params', 'schema', 'sql', 'table_name', 'template_params', 'uuid', 'version',
    ],
    'dataset.columns[]': [
      'advanced_data_type', 'column_name', 'description', 'expression', 'extra', 'filterable', 'groupby', 'is_active', 'is_dttm', 'python_date_format', 'type', 'verbose_name',
    ],
    'dataset.metrics[]': [
      'currency', 'd3format', 'description', 'expression', 'extra', 'metric_name', 'metric_type', 'verbose_name', 'warning_text',
    ],
  },
  '6.0': {
    'chart': [
      'cache_timeout', 'certification_details', 'certified_by', 'dataset_uuid', 'description', 'external_url', 'is_managed_externally', 'params', 'query_context', 'slice_name', 'tags', 'uuid', 'version', 'viz_type',
    ],
    'dashboard': [
      'certification_details', 'certified_by', 'css', 'dashboard_title', 'description', 'external_url', 'is_managed_externally', 'metadata', 'position', 'published', 'slug', 'tags', 'theme_id', 'theme_uuid', 'uuid', 'version',
    ],
    'database': [
      'allow_csv_upload', 'allow_ctas', 'allow_cvas', 'allow_dml', 'allow_run_async', 'cache_timeout', 'database_name', 'encrypted_extra', 'expose_in_sqllab', 'external_url', 'extra', 'impersonate_user', 'is_managed_externally', 'password', 'sqlalchemy_uri', 'ssh_tunnel', 'uuid', 'version',
    ],
    'database.extra': [
      'allow_multi_catalog', 'allows_virtual_table_explore', 'cancel_query_on_windows_unload', 'cost_estimate_enabled', 'disable_data_preview', 'disable_drill_to_detail', 'engine_params', 'metadata_cache_timeout', 'metadata_params', 'schema_options', 'schemas_allowed_for_csv_upload', 'version',
    ],
    'database.ssh_tunnel': [
      'id', 'password', 'private_key', 'private_key_password', 'server_address', 'server_port', 'username',
    ],
    'dataset': [
      'always_filter_main_dttm', 'cache_timeout', 'catalog', 'columns', 'data', 'database_uuid', 'default_endpoint', 'description', 'external_url', 'extra', 'fetch_values_predicate', 'filter_select_enabled', 'folders', 'is_managed_externally', 'main_dttm_col', 'metrics', 'normalize_columns', 'offset', 'params', 'schema', 'sql', 'table_name', 'template_params', 'uuid', 'version',
    ],
    'dataset.columns[]': [
      'advanced_data_type', 'column_name', 'description', 'expression', 'extra', 'filterable', 'groupby', 'is_active', 'is_dttm', 'python_date_format', 'type', 'verbose_name',
    ],
    'dataset.folders[]': [
      'children', 'description', 'name', 'type', 'uuid',
    ],
    'dataset.folders[].children[]': [
      'children', 'description', 'name', 'type', 'uuid',
    ],
    'dataset.metrics[]': [
      'currency', 'd3format', 'description', 'expression', 'extra', 'metric_name', 'metric_type', 'verbose_name', 'warning_text',
    ],
    'dataset.metrics[].currency': [
      'symbol', 'symbolPosition',
    ],
  },
  '6.1': {
    'chart': [
      'cache_timeout', 'certification_details', 'certified_by', 'dataset_uuid', 'description', 'external_url', 'is_managed_externally', 'params', 'query_context', 'slice_name', 'tags', 'uuid', 'version', 'viz_type',
    ],
    'dashboard': [
      'certification_details', 'certified_by', 'css', 'dashboard_title', 'description', 'external_url', 'is_managed_externally', 'metadata', 'position', 'published', 'slug', 'tags', 'theme_id', 'theme_uuid', 'uuid', 'version',
    ],
    'database': [
      'allow_csv_upload', 'allow_ctas', 'allow_cvas', 'allow_dml', 'allow_run_async', 'cache_timeout', 'configuration_method', 'database_name', 'encrypted_extra', 'expose_in_sqllab', 'external_url', 'extra', 'impersonate_user', 'is_managed_externally', 'masked_encrypted_extra', 'password', 'sqlalchemy_uri', 'ssh_tunnel', 'uuid', 'version',
    ],
    'database.extra': [
      'allow_multi_catalog', 'allows_virtual_table_explore', 'cancel_query_on_windows_unload', 'cost_estimate_enabled', 'disable_data_preview', 'disable_drill_to_detail', 'engine_params', 'metadata_cache_timeout', 'metadata_params', 'per_user_caching', 'schema_options', 'schemas_allowed_for_csv_upload', 'version',
    ],
    'database.ssh_tunnel': [
      'id', 'password', 'private_key', 'private_key_password', 'server_address', 'server_port', 'username',
    ],
    'dataset': [
      'always_filter_main_dttm', 'cache_timeout', 'catalog', 'columns', 'currency_code_column', 'data', 'data_file', 'database_uuid', 'default_endpoint', 'description', 'external_url', 'extra', 'fetch_values_predicate', 'filter_select_enabled', 'folders', 'is_managed_externally', 'main_dttm_col', 'metrics', 'normalize_columns', 'offset', 'params', 'schema', 'source_db_engine', 'sql', 'table_name', 'template_params', 'uuid', 'version',
    ],
    'dataset.columns[]': [
      'advanced_data_type', 'column_name', 'datetime_format', 'description', 'expression', 'extra', 'filterable', 'groupby', 'is_active', 'is_dttm', 'python_date_format', 'type', 'verbose_name',
    ],
    'dataset.folders[]': [
      'children', 'description', 'name', 'type', 'uuid',
    ],
    'dataset.folders[].children[]': [
      'children', 'description', 'name', 'type', 'uuid',
    ],
    'dataset.metrics[]': [
      'currency', 'd3format', 'description', 'expression', 'extra', 'metric_name', 'metric_type', 'verbose_name', 'warning_text',
    ],
    'dataset.metrics[].currency': [
      'symbol', 'symbolPosition',
    ],
  },
};

/**
 * Fields every release's importer takes under another name, renamed by a `pre_load` hook before validation (the
 * exports write these names), so they are not in the schemas' own field lists above.
 */
export const PRE_LOAD_ALIASES: ImportFields = {
  database: ['allow_file_upload'],
  'database.extra': ['schemas_allowed_for_file_upload'],
};
