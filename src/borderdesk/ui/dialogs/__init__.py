"""Small dialogs, one module each; a dialog whose OK runs one service call derives
from :class:`borderdesk.ui.dialogs.service_dialog.ServiceDialog`."""
