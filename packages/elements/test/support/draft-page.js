// Puts <es-service service=… api=…> on the page from the query string (?service=&api=).
const params = new URLSearchParams(location.search);
const element = document.createElement('es-service');
element.setAttribute('service', params.get('service') ?? '');
element.setAttribute('api', params.get('api') ?? '');
element.setAttribute('no-intro', '');
document.body.append(element);
