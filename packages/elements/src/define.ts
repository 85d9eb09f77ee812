// Registers every eservice-kit element (tolerates being loaded twice).
// Does not configure localization: call setupLocalization() from the app.
import './components/es-message/es-message.js';
import './components/es-service/es-service.js';
import './components/es-feedback/es-feedback.js';
